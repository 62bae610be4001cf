package io.vigil.alerts.rules;

import io.vigil.alerts.AlertMeters;
import io.vigil.alerts.Candidate;
import io.vigil.alerts.EventIdList;
import io.vigil.alerts.JsonStateSerde;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.ScoredNewsArticle;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The negative-surge windows and baseline, per entity, in one store. Windows are tumbling, aligned to the
 * epoch, {@code [start, start + window)}. A window closes once stream time passes its end + grace; its share
 * then enters the baseline (lazily, on the entity's next article). An article whose window has closed is late:
 * counted in {@code vigil.alerts.late} and ignored. The current window is compared with the baseline on every
 * article, so a surge alerts while it happens, not when its window ends.
 */
final class SurgeProcessor implements FixedKeyProcessor<String, ScoredNewsArticle, Candidate> {

    private final NegativeSurgeRule rule;
    private final AlertMeters meters;
    private final String storeName;
    private FixedKeyProcessorContext<String, Candidate> context;
    private KeyValueStore<String, SurgeState> store;

    private SurgeProcessor(NegativeSurgeRule rule, AlertMeters meters) {
        this.rule = rule;
        this.meters = meters;
        this.storeName = rule.id() + "-baseline";
    }

    static FixedKeyProcessorSupplier<String, ScoredNewsArticle, Candidate> supplier(NegativeSurgeRule rule, AlertMeters meters) {
        StoreBuilder<KeyValueStore<String, SurgeState>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(rule.id() + "-baseline"), Serdes.String(), JsonStateSerde.of(SurgeState.class));
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, ScoredNewsArticle, Candidate> get() {
                return new SurgeProcessor(rule, meters);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Candidate> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, ScoredNewsArticle> record) {
        ScoredNewsArticle a = record.value();
        String entity = a.article().entityKey();
        long size = rule.window().toMillis();
        long t = record.timestamp();
        long start = t - Math.floorMod(t, size);
        long streamTime = context.currentStreamTimeMs();
        if (closed(start, streamTime)) {
            meters.late(rule.id());
            return;
        }
        SurgeState state = store.get(entity);
        if (state == null) state = SurgeState.empty();
        Double baseline = state.baseline();
        long closedCount = state.windowsClosed();
        List<SurgeState.Window> open = new ArrayList<>(state.open());
        open.sort(Comparator.comparingLong(SurgeState.Window::startMs));
        // fold the windows that have closed, oldest first, into the baseline
        for (var it = open.iterator(); it.hasNext(); ) {
            SurgeState.Window w = it.next();
            if (!closed(w.startMs(), streamTime)) continue;
            it.remove();
            if (w.total() < rule.minVolume()) continue; // too few articles to say what is usual
            baseline = baseline == null ? w.share() : rule.alpha() * w.share() + (1 - rule.alpha()) * baseline;
            closedCount++;
        }
        boolean negative = rule.label().equals(a.score().label().toLowerCase(Locale.ROOT));
        SurgeState.Window current = open.stream().filter(w -> w.startMs() == start).findFirst().orElse(null);
        if (current != null) open.remove(current);
        else current = new SurgeState.Window(start, 0, 0, List.of(), null);
        current = new SurgeState.Window(start, current.total() + 1, current.negative() + (negative ? 1 : 0),
                negative ? EventIdList.plus(current.negativeIds(), a.id()) : current.negativeIds(),
                negative ? a.score().modelVersion() : current.modelVersion());
        open.add(current);
        store.put(entity, new SurgeState(baseline, closedCount, open));

        double usual = baseline != null ? baseline : rule.prior();
        double threshold = usual + rule.margin(); // above 1: this entity is negative so often that it cannot surge
        if (current.negative() > 0 && current.total() >= rule.minVolume() && current.share() >= threshold) {
            context.forward(record.withValue(new Candidate(rule.id(), Domain.NEWS, entity, a.eventTime(),
                    Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + size), current.negative(), current.share(),
                    threshold, current.negativeIds(), current.modelVersion(), true)));
        }
    }

    private boolean closed(long windowStart, long streamTime) {
        return windowStart + rule.window().toMillis() + rule.grace().toMillis() <= streamTime;
    }
}
