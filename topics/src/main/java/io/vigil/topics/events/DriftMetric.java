package io.vigil.topics.events;

import java.time.Instant;
import java.util.List;

/**
 * How far one model input (or the score) drifted from the model version's reference profile over one window
 * ({@code monitors.drift}).
 *
 * @param feature            the input's name ({@code score} for the model's score)
 * @param kind               {@code numeric} (decile bins of the reference) or {@code categorical}
 * @param count              events in the window
 * @param psi                population stability index of the window against the reference, >= 0
 * @param jensenShannon      nullable: Jensen-Shannon divergence in bits (categorical inputs)
 * @param psiBound           the configured PSI bound
 * @param jensenShannonBound nullable: the configured Jensen-Shannon bound (categorical inputs)
 * @param breached           a bound was crossed in a window with enough events
 * @param expected           the reference proportions per bin / category
 * @param actual             the window's proportions per bin / category
 */
public record DriftMetric(String id, Instant eventTime, String source, int version,
                          Domain domain, String model, String modelVersion, String feature, String kind,
                          Instant windowStart, Instant windowEnd, long count, double psi, Double jensenShannon,
                          double psiBound, Double jensenShannonBound, boolean breached, List<Double> expected,
                          List<Double> actual) implements Event {

    public DriftMetric {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(domain, "domain");
        Fields.required(model, "model");
        Fields.required(modelVersion, "modelVersion");
        Fields.required(feature, "feature");
        Fields.required(kind, "kind");
        Fields.required(windowStart, "windowStart");
        Fields.required(windowEnd, "windowEnd");
        if (windowEnd.isBefore(windowStart))
            throw new IllegalArgumentException("windowEnd (" + windowEnd + ") must not be before windowStart (" + windowStart + ")");
        expected = Fields.copyRequired(expected, "expected");
        actual = Fields.copyRequired(actual, "actual");
    }
}
