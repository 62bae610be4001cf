package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.EnrichedTransaction;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TransactionsTopologyTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    DriverSupport d;
    TestOutputTopic<String, EnrichedTransaction> out;

    @BeforeEach
    void setUp() {
        IngestMetrics m = IngestMetrics.noop();
        d = new DriverSupport(Topics.TRANSACTIONS_RAW, IngestTopologies.transactions(DriverSupport.props(), new TransactionsTopology(),
                Duration.ofHours(24), m), m);
        out = d.out(Topics.TRANSACTIONS_ENRICHED);
    }

    @AfterEach
    void tearDown() {
        d.close();
    }

    static String txn(String id, String account, String cp, String amount, Instant at) {
        return "{\"id\":\"" + id + "\",\"eventTime\":\"" + at + "\",\"source\":\"http\",\"version\":1,\"accountId\":\"" + account
                + "\",\"counterpartyId\":\"" + cp + "\",\"amount\":" + amount + ",\"currency\":\"USD\",\"type\":\"TRANSFER\",\"fraudLabel\":true}";
    }

    Map<String, Double> send(String id, String account, String cp, String amount, Instant at) {
        d.pipe(account, txn(id, account, cp, amount, at), at);
        EnrichedTransaction e = out.readRecord().value();
        assertThat(e.featureSet()).isEqualTo("txn-features-v2");
        return e.features();
    }

    @Test
    void oneHourAndTwentyFourHourWindowsAverageRatioGapAndCounterparty() {
        Map<String, Double> f1 = send("t1", "A", "M1", "100", T0);
        assertThat(f1.get("txn_count_1h")).isZero();
        assertThat(f1.get("has_history")).isZero();
        assertThat(f1.get("new_counterparty")).isEqualTo(1.0);
        assertThat(f1.get("hour_of_day")).isEqualTo(10.0);
        assertThat(f1.get("type_transfer")).isEqualTo(1.0);

        Map<String, Double> f2 = send("t2", "A", "M1", "300", T0.plus(Duration.ofMinutes(30)));
        assertThat(f2.get("txn_count_1h")).isEqualTo(1.0);
        assertThat(f2.get("txn_count_24h")).isEqualTo(1.0);
        assertThat(f2.get("log_amount_sum_1h")).isCloseTo(Math.log1p(100), within(1e-5));
        assertThat(f2.get("log_avg_amount")).isCloseTo(Math.log1p(100), within(1e-5));
        assertThat(f2.get("log_amount_to_avg_ratio")).isCloseTo(Math.log1p(300) - Math.log1p(100), within(1e-5));
        assertThat(f2.get("log_secs_since_last")).isCloseTo(Math.log1p(1800), within(1e-4));
        assertThat(f2.get("new_counterparty")).isZero();

        // 2 h later: both earlier ones left the 1 h window, still in the 24 h one
        Map<String, Double> f3 = send("t3", "A", "M2", "50", T0.plus(Duration.ofHours(2)));
        assertThat(f3.get("txn_count_1h")).isZero();
        assertThat(f3.get("txn_count_24h")).isEqualTo(2.0);
        assertThat(f3.get("log_amount_sum_24h")).isCloseTo(Math.log1p(400), within(1e-5));
        assertThat(f3.get("new_counterparty")).isEqualTo(1.0);

        // 25 h after the first: only t3 (23 h old) is left in the 24 h window; the average keeps all three
        Map<String, Double> f4 = send("t4", "A", "M2", "10", T0.plus(Duration.ofHours(25)));
        assertThat(f4.get("txn_count_24h")).isEqualTo(1.0);
        assertThat(f4.get("log_avg_amount")).isCloseTo(Math.log1p(150), within(1e-5));

        // another account's history is its own
        assertThat(send("t5", "B", "M1", "100", T0.plus(Duration.ofHours(25))).get("has_history")).isZero();
    }

    @Test
    void sameAmountInTheLastHourCountsEveryAccountThroughTheRepartitionByAmount() {
        TestOutputTopic<String, byte[]> byAmount = d.driver.createOutputTopic(
                "ingest-test-" + TransactionsTopology.BY_AMOUNT + "-repartition", new StringDeserializer(), new ByteArrayDeserializer());
        assertThat(send("t1", "A", "M1", "250.00", T0).get("same_amount_count_1h")).isZero();
        // other accounts, same amount, in event-time order: each sees the earlier ones of the last hour
        assertThat(send("t2", "B", "M2", "250", T0.plus(Duration.ofMinutes(10))).get("same_amount_count_1h")).isEqualTo(1.0);
        assertThat(send("t3", "C", "M3", "250.0", T0.plus(Duration.ofMinutes(50))).get("same_amount_count_1h")).isEqualTo(2.0);
        // a different amount has its own count; an hour after t1, t1 has left the window
        assertThat(send("t4", "C", "M3", "99", T0.plus(Duration.ofMinutes(55))).get("same_amount_count_1h")).isZero();
        assertThat(send("t5", "D", "M4", "250", T0.plus(Duration.ofMinutes(60))).get("same_amount_count_1h")).isEqualTo(2.0);
        // a late event (earlier than t5) counts only what came before it in event time: t2 and t3, not t5
        assertThat(send("t6", "E", "M5", "250", T0.plus(Duration.ofMinutes(55))).get("same_amount_count_1h")).isEqualTo(2.0);
        // the account features are still the account's own, and every record crossed the amount repartition keyed by amount
        assertThat(send("t7", "A", "M1", "250", T0.plus(Duration.ofMinutes(61))).get("txn_count_1h")).isZero();
        assertThat(byAmount.readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactly("250", "250", "250", "99", "250", "250", "250");
    }

    @Test
    void theLabelIsCarriedButNeverAFeature() {
        d.pipe("A", txn("t1", "A", "M1", "5", T0), T0);
        EnrichedTransaction e = out.readValue();
        assertThat(e.transaction().fraudLabel()).isTrue();
        assertThat(e.features().keySet()).noneMatch(k -> k.contains("fraud") || k.contains("label"));
        // without a balance before, the balance features say "unknown" (all zero)
        assertThat(e.features()).containsEntry("has_balance_before", 0.0).containsEntry("drains_balance", 0.0)
                .containsEntry("amount_to_balance_share", 0.0);
    }

    @Test
    void theBalanceBeforeIsCarriedAndFeaturised() {
        Instant at = T0.plusSeconds(5);
        d.pipe("A", txn("t1", "A", "M1", "250.5", at).replace("}", ",\"balanceBefore\":250.50}"), at);
        EnrichedTransaction e = out.readValue();
        assertThat(e.transaction().balanceBefore()).isEqualByComparingTo("250.50");
        assertThat(e.features()).containsEntry("has_balance_before", 1.0).containsEntry("drains_balance", 1.0)
                .containsEntry("amount_to_balance_share", 1.0);
        assertThat(e.features().get("log_balance_before")).isCloseTo(Math.log1p(250.5), within(1e-5));
        d.pipe("A", txn("t2", "A", "M1", "100", at).replace("}", ",\"balanceBefore\":400}"), at);
        assertThat(out.readValue().features().get("amount_to_balance_share")).isCloseTo(0.25, within(1e-6));
        // a negative balance is a schema violation: DLQ, nothing featurised
        d.pipe("A", txn("t3", "A", "M1", "100", at).replace("}", ",\"balanceBefore\":-1}"), at);
        assertThat(out.isEmpty()).isTrue();
        assertThat(d.dlq.readValuesToList()).extracting(DeadLetter::errorType).containsExactly("schema");
    }

    @Test
    void duplicateIdsDoNotCountTwiceInTheWindows() {
        send("t1", "A", "M1", "100", T0);
        d.pipe("A", txn("t1", "A", "M1", "100", T0), T0.plusSeconds(1));
        assertThat(out.isEmpty()).isTrue();
        assertThat(send("t2", "A", "M1", "100", T0.plusSeconds(60)).get("txn_count_1h")).isEqualTo(1.0);
    }

    @Test
    void invalidTransactionsGoToTheDlqAndTheStreamContinues() {
        d.pipe("A", txn("t1", "A", "M1", "-5", T0), T0);
        d.pipe("A", txn("t2", "A", "M1", "5", T0).replace("USD", "usd"), T0);
        d.pipe("A", "not json", T0);
        send("t3", "A", "M1", "5", T0);
        assertThat(d.dlq.readValuesToList()).extracting(DeadLetter::errorType).containsExactly("schema", "schema", "malformed-json");
    }
}
