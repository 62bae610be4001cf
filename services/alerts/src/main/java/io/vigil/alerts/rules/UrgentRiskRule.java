package io.vigil.alerts.rules;

import io.vigil.alerts.AlertMeters;
import io.vigil.alerts.Candidate;
import io.vigil.alerts.Suppressor;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.ScoredNote;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import java.util.List;
import java.util.Locale;

/**
 * notes {@code urgent-risk}: a note scored with {@code label} (default {@code urgent}) alerts, per patient
 * pseudonym and suppression period; more urgent notes for the patient within the period escalate once.
 */
public record UrgentRiskRule(RuleSpec spec, String label) implements AlertRule {

    public static final String TYPE = "urgent-risk";

    public static UrgentRiskRule from(RuleSpec spec) {
        UrgentRiskRule rule = new UrgentRiskRule(spec, spec.text("label", "urgent"));
        spec.rejectUnknown();
        return rule;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public KStream<?, Alert> build(RuleInputs inputs, AlertMeters meters) {
        return inputs.stream(Topics.NOTES_SCORED)
                .filter((k, v) -> label.equals(v.score().label().toLowerCase(Locale.ROOT)), Named.as(id() + "-match"))
                .mapValues(this::candidate, Named.as(id() + "-candidate"))
                .processValues(Suppressor.supplier(id(), spec.severity(), spec.suppression(), spec.escalationFactor(),
                        this::title, meters), Named.as(id() + "-suppress"));
    }

    private Candidate candidate(ScoredNote n) {
        return new Candidate(id(), Domain.NOTES, n.note().patientPseudonym(), n.eventTime(), null, null, 1,
                n.score().score(), null, List.of(n.id()), n.score().modelVersion(), false);
    }

    private String title(Candidate c, long count, boolean escalated) {
        if (count <= 1) return String.format(Locale.ROOT, "%s clinical note (score %.2f)", label, c.value());
        return String.format(Locale.ROOT, "%d %s clinical notes within %s", count, label, Durations.human(spec.suppression()));
    }
}
