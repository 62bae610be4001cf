package io.vigil.monitors.fairness;

import java.util.Map;

/**
 * One event's contribution to its groups (attribute -> group): a scored event ({@code labelled = false}: flagged and
 * score) or an analyst's verdict ({@code labelled = true}: flagged = the model said positive, actualPositive = the
 * analyst did). One observation per event, whatever the number of attributes, so each event costs one
 * repartitioned record and one window update.
 */
public record Observation(Map<String, String> groups, boolean labelled, boolean flagged, double score, boolean actualPositive) {

    public static Observation scored(Map<String, String> groups, boolean flagged, double score) {
        return new Observation(groups, false, flagged, score, false);
    }

    public static Observation verdict(Map<String, String> groups, boolean predictedPositive, boolean actualPositive) {
        return new Observation(groups, true, predictedPositive, 0, actualPositive);
    }
}
