package io.vigil.alerts.rules;

import io.vigil.alerts.AlertMeters;
import io.vigil.alerts.Candidate;
import io.vigil.alerts.Suppressor;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.ScoredTransaction;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import java.util.List;
import java.util.Locale;

/**
 * transactions {@code high-risk}: one alert per transaction whose risk score is >= {@code threshold}, per
 * account and suppression period; more high-risk transactions on the account within the period escalate once.
 */
public record HighRiskRule(RuleSpec spec, double threshold) implements AlertRule {

    public static final String TYPE = "high-risk";

    public static HighRiskRule from(RuleSpec spec) {
        HighRiskRule rule = new HighRiskRule(spec, spec.number("threshold", 0.9, 0, 1));
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
                .filter((k, v) -> v.score().score() >= threshold, Named.as(id() + "-match"))
                .mapValues(this::candidate, Named.as(id() + "-candidate"))
                .processValues(Suppressor.supplier(id(), spec.severity(), spec.suppression(), spec.escalationFactor(),
                        this::title, meters), Named.as(id() + "-suppress"));
    }

    private Candidate candidate(ScoredTransaction t) {
        return new Candidate(id(), Domain.TRANSACTIONS, t.transaction().transaction().accountId(), t.eventTime(),
                null, null, 1, t.score().score(), threshold, List.of(t.id()), t.score().modelVersion(), false);
    }

    private String title(Candidate c, long count, boolean escalated) {
        if (count <= 1) return String.format(Locale.ROOT, "high-risk transaction, risk %.2f >= %.2f", c.value(), threshold);
        return String.format(Locale.ROOT, "%d high-risk transactions (risk >= %.2f) within %s", count, threshold,
                Durations.human(spec.suppression()));
    }
}
