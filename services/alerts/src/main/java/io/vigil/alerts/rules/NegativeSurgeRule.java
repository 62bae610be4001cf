package io.vigil.alerts.rules;

import io.vigil.alerts.AlertMeters;
import io.vigil.alerts.Candidate;
import io.vigil.alerts.Suppressor;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * news {@code negative-surge}: per entity key (ticker or entity), the share of articles labelled
 * {@code negative} in a tumbling event-time window, compared with the entity's own baseline: fires when the
 * window holds >= {@code min-volume} articles and its negative share >= baseline + {@code margin}. The
 * baseline is an EWMA ({@code alpha}) of the entity's earlier closed windows' shares (windows with at least
 * {@code min-volume} articles), and {@code prior} until the entity has one. See {@link SurgeProcessor}.
 */
public record NegativeSurgeRule(RuleSpec spec, String label, Duration window, Duration grace, int minVolume,
                                double margin, double prior, double alpha, Set<String> ignoreKeys) implements AlertRule {

    public static final String TYPE = "negative-surge";

    public static NegativeSurgeRule from(RuleSpec spec) {
        NegativeSurgeRule rule = new NegativeSurgeRule(spec, spec.text("label", "negative"),
                spec.duration("window", Duration.ofMinutes(30), Duration.ofSeconds(1)),
                spec.duration("grace", Duration.ofMinutes(5), Duration.ZERO),
                spec.integer("min-volume", 5, 1, 1_000_000),
                spec.number("margin", 0.3, 0, 1),
                spec.number("prior", 0.2, 0, 1),
                spec.number("alpha", 0.3, 0.01, 1),
                spec.strings("ignore-keys", Set.of("_none")));
        spec.rejectUnknown();
        return rule;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public KStream<?, Alert> build(RuleInputs inputs, AlertMeters meters) {
        return inputs.stream(Topics.NEWS_SCORED)
                .filter((k, v) -> !ignoreKeys.contains(v.article().entityKey()), Named.as(id() + "-entities"))
                .processValues(SurgeProcessor.supplier(this, meters), Named.as(id() + "-windows"))
                .processValues(Suppressor.supplier(id(), spec.severity(), spec.suppression(), spec.escalationFactor(),
                        this::title, meters), Named.as(id() + "-suppress"));
    }

    private String title(Candidate c, long count, boolean escalated) {
        return String.format(Locale.ROOT, "negative news surge: %d negative articles, %.0f%% negative vs %.0f%% usual in %s",
                count, 100 * c.value(), 100 * (c.threshold() - margin), Durations.human(window));
    }
}
