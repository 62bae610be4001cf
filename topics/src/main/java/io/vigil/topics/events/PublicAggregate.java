package io.vigil.topics.events;

import java.time.Instant;

/**
 * One cell of a differentially private public summary ({@code monitors.public}): a count or a mean over one
 * window with calibrated noise. Only these noisy values are published; the exact ones never leave the monitor.
 *
 * @param dataset     the summary, e.g. {@code alerts-per-rule-day}
 * @param cell        the cell within it (a public, configured value such as a rule or a specialty; {@code other})
 * @param statistic   {@code count} or {@code mean}
 * @param value       the noisy value (counts: integers >= 0; means: clamped to their declared range)
 * @param mechanism   e.g. {@code discrete-laplace}
 * @param epsilon     privacy loss of this release of the dataset (every cell together), > 0
 * @param sensitivity one event's largest effect on the noised quantity (a count: 1; a sum: the value range)
 * @param noiseScale  the Laplace scale b = sensitivity / epsilon' of the noise added (epsilon' its share of epsilon)
 * @param budgetSpent the dataset's epsilon spent, this release included
 * @param budgetTotal the dataset's total epsilon budget
 */
public record PublicAggregate(String id, Instant eventTime, String source, int version,
                              String dataset, String cell, Instant windowStart, Instant windowEnd, String statistic,
                              double value, String mechanism, double epsilon, double sensitivity, double noiseScale,
                              double budgetSpent, double budgetTotal) implements Event {

    public PublicAggregate {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(dataset, "dataset");
        Fields.required(cell, "cell");
        Fields.required(windowStart, "windowStart");
        Fields.required(windowEnd, "windowEnd");
        Fields.required(statistic, "statistic");
        Fields.required(mechanism, "mechanism");
    }
}
