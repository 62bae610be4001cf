package io.vigil.alerts;

import io.vigil.topics.events.Severity;

import java.time.Instant;
import java.util.List;

/**
 * What suppression remembers about one (rule, key) while its period runs.
 *
 * @param periodStartMs event time of the alert that opened the period
 * @param firedCount    the count the alert fired with
 * @param observed      the count seen since (sum of per-event matches, or max of window totals)
 * @param eventIds      the events behind {@code observed} (bounded)
 */
public record SuppressionState(String alertId, long periodStartMs, Instant windowStart, Severity firedSeverity,
                               long firedCount, long observed, boolean escalated, List<String> eventIds) {

    public SuppressionState {
        eventIds = List.copyOf(eventIds);
    }
}
