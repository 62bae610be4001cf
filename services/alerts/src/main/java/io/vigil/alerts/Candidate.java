package io.vigil.alerts;

import io.vigil.topics.events.Domain;

import java.time.Instant;
import java.util.List;

/**
 * A rule match before suppression decides whether it becomes an alert.
 *
 * @param at          event time of the record that produced the match
 * @param count       events counted by the match
 * @param cumulative  true when {@code count} is a window's running total (velocity, surge), false when it is
 *                    this one event (threshold rules): suppression sums the latter and takes the max of the former
 */
public record Candidate(String rule, Domain domain, String key, Instant at, Instant windowStart, Instant windowEnd,
                        long count, Double value, Double threshold, List<String> eventIds, String modelVersion,
                        boolean cumulative) {

    public Candidate {
        eventIds = List.copyOf(eventIds);
    }
}
