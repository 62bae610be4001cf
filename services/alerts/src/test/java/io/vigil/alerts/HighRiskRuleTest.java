package io.vigil.alerts;

import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Severity;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.vigil.alerts.Events.T0;
import static io.vigil.alerts.Events.min;
import static io.vigil.alerts.Events.txn;
import static org.assertj.core.api.Assertions.assertThat;

class HighRiskRuleTest {

    static final String RULES = """
            rules:
              - id: high-risk
                severity: warning
                suppression: 1h
                escalation-factor: 3
                params: { threshold: 0.9 }
            """;

    final Harness h = new Harness(RULES);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void firesOncePerAccountAndPeriodThenEscalatesOnceWhenRiskyTransactionsPileUp() {
        h.pipe(txn("t1", "A", T0, 0.95));
        List<TestRecord<String, Alert>> first = h.drain();
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("high-risk|A");
            Alert a = r.value();
            assertThat(a.id()).isEqualTo("high-risk|A|" + T0.toEpochMilli());
            assertThat(a.rule()).isEqualTo("high-risk");
            assertThat(a.domain()).isEqualTo(Domain.TRANSACTIONS);
            assertThat(a.key()).isEqualTo("A");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.status()).isEqualTo(AlertStatus.NEW);
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.value()).isEqualTo(0.95);
            assertThat(a.threshold()).isEqualTo(0.9);
            assertThat(a.eventIds()).containsExactly("t1");
            assertThat(a.modelVersion()).isEqualTo("v7");
            assertThat(a.eventTime()).isEqualTo(T0);
            assertThat(a.windowStart()).isEqualTo(T0);
            assertThat(a.title()).isEqualTo("high-risk transaction, risk 0.95 >= 0.90");
        });

        h.pipe(txn("t2", "A", min(5), 0.5));    // not risky
        h.pipe(txn("t3", "A", min(10), 0.92));  // risky, suppressed (2 < 3 x 1)
        assertThat(h.drain()).isEmpty();

        h.pipe(txn("t4", "A", min(20), 0.97));  // third within the hour: one escalation
        assertThat(h.drain()).singleElement().satisfies(r -> {
            Alert a = r.value();
            assertThat(r.key()).isEqualTo("high-risk|A");
            assertThat(a.id()).isEqualTo("high-risk|A|" + T0.toEpochMilli() + "|escalated");
            assertThat(a.status()).isEqualTo(AlertStatus.ESCALATED);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.count()).isEqualTo(3);
            assertThat(a.eventIds()).containsExactly("t1", "t3", "t4");
            assertThat(a.windowStart()).isEqualTo(T0);
            assertThat(a.windowEnd()).isEqualTo(min(20));
            assertThat(a.title()).isEqualTo("3 high-risk transactions (risk >= 0.90) within 1 h");
        });

        h.pipe(txn("t5", "A", min(30), 0.99));  // already escalated: nothing more this period
        h.pipe(txn("t6", "A", min(59), 0.99));
        assertThat(h.drain()).isEmpty();
        assertThat(h.meters.count("vigil.alerts.suppressed", "rule", "high-risk")).isEqualTo(3);

        h.pipe(txn("t7", "A", min(60), 0.93));  // the period ended: a new alert with a new id
        assertThat(h.drain()).singleElement().satisfies(r -> {
            assertThat(r.value().id()).isEqualTo("high-risk|A|" + min(60).toEpochMilli());
            assertThat(r.value().status()).isEqualTo(AlertStatus.NEW);
            assertThat(r.value().eventIds()).containsExactly("t7");
        });
        assertThat(h.meters.count("vigil.alerts.fired", "rule", "high-risk")).isEqualTo(3);
    }

    @Test
    void accountsAreSuppressedIndependentlyAndTheThresholdIsInclusive() {
        h.pipe(txn("a1", "A", T0, 0.9));
        h.pipe(txn("b1", "B", min(1), 0.89999));
        h.pipe(txn("b2", "B", min(2), 0.91));
        assertThat(h.drain()).extracting(r -> r.value().id())
                .containsExactly("high-risk|A|" + T0.toEpochMilli(), "high-risk|B|" + min(2).toEpochMilli());
    }

    @Test
    void undecodableInputIsSkippedCountedAndDoesNotStopTheTopology() {
        h.raw(Topics.TRANSACTIONS_SCORED).pipeInput("A", "{not json".getBytes(StandardCharsets.UTF_8));
        h.raw(Topics.TRANSACTIONS_SCORED).pipeInput("A", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        h.raw(Topics.TRANSACTIONS_SCORED).pipeInput("A", new byte[]{(byte) 0xff, (byte) 0xfe});
        h.pipe(txn("t1", "A", T0, 0.95));
        assertThat(h.drain()).extracting(r -> r.value().eventIds()).containsExactly(List.of("t1"));
        assertThat(h.meters.count("vigil.alerts.bad.input", "topic", Topics.TRANSACTIONS_SCORED.name())).isEqualTo(3);
    }
}
