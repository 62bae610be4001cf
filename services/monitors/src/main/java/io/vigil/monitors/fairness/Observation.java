package io.vigil.monitors.fairness;

/**
 * One event's contribution to one group of one attribute: a scored event ({@code labelled = false}: flagged and
 * score) or an analyst's verdict ({@code labelled = true}: flagged = the model said positive, actualPositive = the
 * analyst did).
 */
public record Observation(String group, boolean labelled, boolean flagged, double score, boolean actualPositive) {

    public static Observation scored(String group, boolean flagged, double score) {
        return new Observation(group, false, flagged, score, false);
    }

    public static Observation verdict(String group, boolean predictedPositive, boolean actualPositive) {
        return new Observation(group, true, predictedPositive, 0, actualPositive);
    }
}
