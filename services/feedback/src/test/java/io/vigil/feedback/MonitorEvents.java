package io.vigil.feedback;

import io.vigil.topics.events.DriftMetric;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.FairnessMetric;
import java.time.Instant;
import java.util.List;

/** DriftMetric and FairnessMetric records as the monitors service writes them, for hourly window n of a fixed day. */
final class MonitorEvents {

    static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");

    private MonitorEvents() {}

    static Instant windowStart(int n) {
        return DAY.plusSeconds(3600L * n);
    }

    static Instant windowEnd(int n) {
        return windowStart(n + 1);
    }

    static Domain domain(String model) {
        return switch (model) {
            case "transaction-fraud" -> Domain.TRANSACTIONS;
            case "note-risk" -> Domain.NOTES;
            default -> Domain.NEWS;
        };
    }

    static DriftMetric drift(String model, String version, String feature, int window, double psi, boolean breached) {
        return new DriftMetric("drift-" + model + "-" + version + "-" + feature + "-" + window, windowEnd(window), "monitors", 1,
                domain(model), model, version, feature, "numeric", windowStart(window), windowEnd(window), 400, psi, null,
                0.25, null, breached, List.of(0.5, 0.5), List.of(0.5, 0.5));
    }

    static FairnessMetric fairness(String model, String attribute, String group, int window, long events, long flagged,
                                   double parityDifference, double parityRatio, List<String> breaches) {
        return new FairnessMetric("fair-" + model + "-" + attribute + "-" + group + "-" + window, windowEnd(window), "monitors", 1,
                domain(model), model, attribute, group, windowStart(window), windowEnd(window), events, flagged,
                (double) flagged / events, 0.3, 0, 0, 0, 0, 0, null, null, "M", parityDifference, parityRatio, null,
                parityRatio >= 0.8, breaches);
    }
}
