package io.vigil.alerts;

import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.Severity;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a rule's matches into alerts: at most one alert per (rule, key) per suppression period (event time,
 * starting at the alert), and within that period at most one escalation, when the count reaches
 * {@code escalationFactor} x the count the alert fired with. The escalation has status {@code escalated},
 * severity one level up, and id = the alert's id + {@code |escalated}.
 */
public final class Suppressor<K> implements FixedKeyProcessor<K, Candidate, Alert> {

    /** Builds an alert title from the match and the count it reports. */
    @FunctionalInterface
    public interface Titler {
        String title(Candidate match, long count, boolean escalated);
    }

    public static final String SOURCE = "alerts";

    private final String storeName;
    private final Severity severity;
    private final Duration period;
    private final double escalationFactor;
    private final Titler titler;
    private final AlertMeters meters;
    private FixedKeyProcessorContext<K, Alert> context;
    private KeyValueStore<String, SuppressionState> store;

    private Suppressor(String storeName, Severity severity, Duration period, double escalationFactor, Titler titler,
                       AlertMeters meters) {
        this.storeName = storeName;
        this.severity = severity;
        this.period = period;
        this.escalationFactor = escalationFactor;
        this.titler = titler;
        this.meters = meters;
    }

    public static <K> FixedKeyProcessorSupplier<K, Candidate, Alert> supplier(String ruleId, Severity severity,
                                                                             Duration period, double escalationFactor,
                                                                             Titler titler, AlertMeters meters) {
        String storeName = ruleId + "-suppression";
        StoreBuilder<KeyValueStore<String, SuppressionState>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), Serdes.String(), JsonStateSerde.of(SuppressionState.class));
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<K, Candidate, Alert> get() {
                return new Suppressor<>(storeName, severity, period, escalationFactor, titler, meters);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<K, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        // expired periods behave as absent; the sweep only bounds the store's size
        context.schedule(period, PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(FixedKeyRecord<K, Candidate> record) {
        Candidate c = record.value();
        long t = c.at().toEpochMilli();
        SuppressionState s = store.get(c.key());
        if (s == null || t >= s.periodStartMs() + period.toMillis()) {
            fireNew(record, c);
            return;
        }
        if (s.escalated()) {
            meters.suppressed(c.rule());
            return;
        }
        long observed = c.cumulative() ? Math.max(s.observed(), c.count()) : s.observed() + c.count();
        List<String> ids = c.cumulative() ? c.eventIds() : EventIdList.plus(s.eventIds(), c.eventIds());
        if (observed >= Math.ceil(escalationFactor * s.firedCount())) {
            Severity raised = raise(s.firedSeverity());
            Alert alert = alert(AlertIds.escalated(s.alertId()), c, raised, AlertStatus.ESCALATED, s.windowStart(),
                    observed, ids);
            store.put(c.key(), new SuppressionState(s.alertId(), s.periodStartMs(), s.windowStart(), s.firedSeverity(),
                    s.firedCount(), observed, true, ids));
            emit(record, alert);
        } else {
            store.put(c.key(), new SuppressionState(s.alertId(), s.periodStartMs(), s.windowStart(), s.firedSeverity(),
                    s.firedCount(), observed, false, ids));
            meters.suppressed(c.rule());
        }
    }

    private void fireNew(FixedKeyRecord<K, Candidate> record, Candidate c) {
        Instant windowStart = c.windowStart() != null ? c.windowStart() : c.at();
        String id = AlertIds.of(c.rule(), c.key(), windowStart);
        Alert alert = alert(id, c, severity, AlertStatus.NEW, windowStart, c.count(), c.eventIds());
        store.put(c.key(), new SuppressionState(id, c.at().toEpochMilli(), windowStart, severity, c.count(),
                c.count(), false, c.eventIds()));
        emit(record, alert);
    }

    private Alert alert(String id, Candidate c, Severity sev, AlertStatus status, Instant windowStart, long count,
                        List<String> ids) {
        Instant windowEnd = c.windowEnd() != null ? c.windowEnd() : c.at();
        if (windowEnd.isBefore(windowStart)) windowEnd = windowStart; // a late event escalating an earlier alert
        boolean escalated = status == AlertStatus.ESCALATED;
        String description = escalated
                ? "Escalated within the suppression period (" + period + "): the count reached " + count
                  + ", at least " + escalationFactor + " x the count the alert " + id.replace(AlertIds.ESCALATED_SUFFIX, "")
                  + " fired with."
                : null;
        return new Alert(id, c.at(), SOURCE, Event.CURRENT_VERSION, c.rule(), c.domain(), c.key(), sev, status,
                titler.title(c, count, escalated), description, windowStart, windowEnd, count, c.value(),
                c.threshold(), EventIdList.plus(List.of(), ids), c.modelVersion());
    }

    private void emit(FixedKeyRecord<K, Candidate> record, Alert alert) {
        meters.fired(alert);
        context.forward(record.withValue(alert));
    }

    private void sweep(long streamTime) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, SuppressionState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, SuppressionState> kv = it.next();
                // keep one extra period for late events of the old one
                if (kv.value.periodStartMs() + 2 * period.toMillis() <= streamTime) expired.add(kv.key);
            }
        }
        expired.forEach(store::delete);
    }

    static Severity raise(Severity s) {
        return switch (s) {
            case INFO -> Severity.WARNING;
            case WARNING, CRITICAL -> Severity.CRITICAL;
        };
    }
}
