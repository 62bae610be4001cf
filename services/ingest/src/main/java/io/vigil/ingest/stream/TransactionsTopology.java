package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.topics.Topics;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.Protection;
import io.vigil.topics.events.Transaction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.time.Duration;

/**
 * transactions.raw (keyed by account) -> validate (DLQ) -> dedupe by id -> per-account features from the account
 * store (1 h / 24 h counts and sums, average and ratio, time since last, first-seen counterparty, hour, type,
 * category: the models module's feature code) -> re-keyed by amount through the repartition topic
 * {@value #BY_AMOUNT} -> "same amount in the last hour" from the amount store, which now sees every account
 * whatever its partition -> transactions.enriched keyed by account id. fraudLabel is carried as the dataset label
 * only; the feature code never reads it.
 *
 * <p>Both stores hold event times and count only earlier events (event-time semantics, as training replays them);
 * the repartition topic is part of the same exactly-once transaction as everything else and carries the validated
 * input bytes and the feature vector so far in a compact binary form ({@link AccountFeatures#serde()}). One consequence: two
 * transactions of one account with different amounts pass through different amount partitions, so they can leave
 * in a different order than they came in (each carries its event time and features computed in arrival order).
 */
public final class TransactionsTopology {

    public static final String DOMAIN = "transactions";
    /** Name of the repartition step (topic {@code <application.id>-transactions-by-amount-repartition}). */
    public static final String BY_AMOUNT = "transactions-by-amount";

    public void build(StreamsBuilder builder, Duration dedupeRetention, IngestMetrics metrics) {
        DeadLetters letters = new DeadLetters(Topics.TRANSACTIONS_RAW, Protection.NONE, null);
        builder.addStateStore(Featurizer.accountStore());
        builder.addStateStore(AmountFeaturizer.store());
        KStream<String, Checked<Transaction>> valid = Pipeline.source(builder, Topics.TRANSACTIONS_RAW, letters, null,
                dedupeRetention, metrics, DOMAIN);
        KStream<String, Checked<AccountFeatures>> perAccount = valid.processValues(() -> new Featurizer(letters),
                Named.as("transactions-features"), Featurizer.ACCOUNTS);
        KStream<String, AccountFeatures> byAmount = Pipeline.deadLetterRejected(perAccount, metrics, DOMAIN, "transactions-account-step")
                .selectKey((k, a) -> TransactionFeaturizer.amountKey(Featurizer.txn(a.transaction())), Named.as("transactions-key-by-amount"))
                .repartition(Repartitioned.<String, AccountFeatures>as(BY_AMOUNT)
                        .withKeySerde(Serdes.String()).withValueSerde(AccountFeatures.serde()));
        KStream<String, Checked<EnrichedTransaction>> enriched = byAmount.processValues(() -> new AmountFeaturizer(letters),
                Named.as("transactions-amount-features"), AmountFeaturizer.AMOUNTS);
        Pipeline.sink(enriched, Topics.TRANSACTIONS_ENRICHED, e -> e.transaction().accountId(), metrics, DOMAIN);
    }
}
