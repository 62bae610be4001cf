package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.topics.Topics;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.Protection;
import io.vigil.topics.events.Transaction;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import java.time.Duration;

/**
 * transactions.raw (keyed by account) -> validate (DLQ) -> dedupe by id -> per-account features from state
 * stores (1 h / 24 h counts and sums, average and ratio, time since last, first-seen counterparty, hour, type,
 * category: the models module's feature code) -> transactions.enriched keyed by account id. Records stay on
 * their partition (no re-keying before the stores), so no repartition topic. fraudLabel is carried as the
 * dataset label only; the feature code never reads it.
 */
public final class TransactionsTopology {

    public static final String DOMAIN = "transactions";

    public void build(StreamsBuilder builder, Duration dedupeRetention, IngestMetrics metrics) {
        DeadLetters letters = new DeadLetters(Topics.TRANSACTIONS_RAW, Protection.NONE, null);
        Featurizer.stores().forEach(builder::addStateStore);
        KStream<String, Checked<Transaction>> valid = Pipeline.source(builder, Topics.TRANSACTIONS_RAW, letters, null,
                dedupeRetention, metrics, DOMAIN);
        KStream<String, Checked<EnrichedTransaction>> enriched = valid.processValues(() -> new Featurizer(letters),
                Named.as("transactions-features"), Featurizer.ACCOUNTS, Featurizer.AMOUNTS);
        Pipeline.sink(enriched, Topics.TRANSACTIONS_ENRICHED, e -> e.transaction().accountId(), metrics, DOMAIN);
    }
}
