package io.vigil.alerts.rules;

import io.vigil.alerts.AlertMeters;
import io.vigil.alerts.Candidate;
import io.vigil.alerts.JsonStateSerde;
import io.vigil.alerts.Suppressor;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.Domain;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * transactions {@code risk-velocity}: at least {@code min-count} transactions with risk >= {@code threshold}
 * on one account within any {@code window} (a sliding window on event time: every span of that length,
 * inclusive at both ends). Records later than {@code grace} behind the stream's time are dropped by Streams.
 */
public record RiskVelocityRule(RuleSpec spec, double threshold, int minCount, Duration window, Duration grace)
        implements AlertRule {

    public static final String TYPE = "risk-velocity";

    public static RiskVelocityRule from(RuleSpec spec) {
        RiskVelocityRule rule = new RiskVelocityRule(spec, spec.number("threshold", 0.7, 0, 1),
                spec.integer("min-count", 3, 2, 10_000), spec.duration("window", Duration.ofMinutes(10), Duration.ofSeconds(1)),
                spec.duration("grace", Duration.ofMinutes(2), Duration.ZERO));
        spec.rejectUnknown();
        return rule;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public KStream<?, Alert> build(RuleInputs inputs, AlertMeters meters) {
        return inputs.stream(Topics.TRANSACTIONS_SCORED)
                .filter((k, v) -> k != null && v.score().score() >= threshold, Named.as(id() + "-match"))
                // the record key is the account id (catalog): no repartition
                .groupByKey()
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(window, grace))
                .aggregate(VelocityAgg::empty, (account, t, agg) -> agg.add(t), Named.as(id() + "-count"),
                        Materialized.<String, VelocityAgg, WindowStore<Bytes, byte[]>>as(id() + "-windows")
                                .withKeySerde(Serdes.String()).withValueSerde(JsonStateSerde.of(VelocityAgg.class))
                                // every update goes straight to suppression: alerts fire on the record that crosses
                                .withCachingDisabled())
                .toStream(Named.as(id() + "-updates"))
                .filter((w, agg) -> agg != null && agg.count() >= minCount, Named.as(id() + "-over"))
                .mapValues(this::candidate, Named.as(id() + "-candidate"))
                .processValues(Suppressor.supplier(id(), spec.severity(), spec.suppression(), spec.escalationFactor(),
                        this::title, meters), Named.as(id() + "-suppress"));
    }

    private Candidate candidate(Windowed<String> w, VelocityAgg agg) {
        return new Candidate(id(), Domain.TRANSACTIONS, w.key(), Instant.ofEpochMilli(agg.lastEventMs()),
                Instant.ofEpochMilli(w.window().start()), Instant.ofEpochMilli(w.window().end()), agg.count(),
                agg.maxScore(), (double) minCount, agg.eventIds(), agg.modelVersion(), true);
    }

    private String title(Candidate c, long count, boolean escalated) {
        return String.format(Locale.ROOT, "%d high-risk transactions in %s", count, Durations.human(window));
    }
}
