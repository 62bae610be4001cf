package io.vigil.topics.events;

import java.time.Instant;
import java.util.List;

/**
 * One group's fairness metrics over one window ({@code monitors.fairness}), with its disparity to the best-off
 * group of the same attribute. Rates are null where the group had too few events (or labels) to judge.
 *
 * @param attribute               the group attribute, e.g. {@code gender}, {@code ageBand}
 * @param group                   the attribute's value, e.g. {@code F}, {@code 30-49}
 * @param events                  scored events of the group in the window
 * @param flagged                 of those, predicted positive (fraud, urgent)
 * @param labelled                analysts' verdicts on the group's events in the window
 * @param labelledNegatives       verdicts saying negative (FP + TN)
 * @param labelledPositives       verdicts saying positive (TP + FN)
 * @param referenceGroup          nullable: the best-off group by alert rate
 * @param parityDifference        nullable: alert-rate gap to the best-off group (demographic parity), >= 0
 * @param parityRatio             nullable: alert-rate ratio to the best-off group, in [0,1] (four-fifths rule)
 * @param equalisedOddsDifference nullable: the larger of the FPR and FNR gaps to their best-off groups
 * @param breaches                the bounds this group crossed ({@code demographic-parity}, {@code equalised-odds}); may be empty
 */
public record FairnessMetric(String id, Instant eventTime, String source, int version,
                             Domain domain, String model, String attribute, String group, Instant windowStart,
                             Instant windowEnd, long events, long flagged, Double alertRate, Double meanScore,
                             long labelled, long falsePositives, long falseNegatives, long labelledNegatives,
                             long labelledPositives, Double falsePositiveRate, Double falseNegativeRate,
                             String referenceGroup, Double parityDifference, Double parityRatio,
                             Double equalisedOddsDifference, Boolean fourFifths, List<String> breaches) implements Event {

    public FairnessMetric {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(domain, "domain");
        Fields.required(model, "model");
        Fields.required(attribute, "attribute");
        Fields.required(group, "group");
        Fields.required(windowStart, "windowStart");
        Fields.required(windowEnd, "windowEnd");
        if (windowEnd.isBefore(windowStart))
            throw new IllegalArgumentException("windowEnd (" + windowEnd + ") must not be before windowStart (" + windowStart + ")");
        breaches = Fields.copyRequired(breaches, "breaches");
    }
}
