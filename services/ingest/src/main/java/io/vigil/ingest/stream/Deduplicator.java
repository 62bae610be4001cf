package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.topics.events.Event;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;

/**
 * Drops an event whose id was already seen within the retention window. The store is a window store keyed
 * by event id at the record timestamp (ingestion time: the sources let the producer stamp it), so whole
 * segments older than the retention expire by themselves: a TTL without a scan. The store holds ids and
 * timestamps only, never event content (its changelog must not carry PHI).
 */
final class Deduplicator<T extends Event> implements FixedKeyProcessor<String, Checked<T>, Checked<T>> {

    private final String storeName;
    private final long retentionMs;
    private final IngestMetrics metrics;
    private final String domain;
    private FixedKeyProcessorContext<String, Checked<T>> context;
    private WindowStore<String, Long> seen;

    Deduplicator(String storeName, Duration retention, IngestMetrics metrics, String domain) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
        this.metrics = metrics;
        this.domain = domain;
    }

    static StoreBuilder<WindowStore<String, Long>> store(String name, Duration retention) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, retention, false),
                Serdes.String(), Serdes.Long());
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<T>> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, Checked<T>> record) {
        if (record.value() instanceof Checked.Ok<T> ok) {
            String id = ok.value().id();
            long ts = record.timestamp();
            try (WindowStoreIterator<Long> it = seen.fetch(id, ts - retentionMs, ts + retentionMs)) {
                if (it.hasNext()) {
                    metrics.dedupeHit(domain);
                    return;
                }
            }
            seen.put(id, ts, ts);
        }
        context.forward(record);
    }
}
