package io.vigil.models.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Group fairness maths shared by the stream's fairness monitor and the promotion gate: per-group rates and their
 * disparity to the best-off group. Pure functions of counts, so the same numbers come out wherever they are computed.
 *
 * <p>Definitions (rates are per group g):
 * <ul>
 *   <li>difference(g) = how much worse g is than the best-off group, >= 0:
 *       {@code rate(g) - best} when lower is better, {@code best - rate(g)} when higher is better;</li>
 *   <li>ratio(g) in [0,1]: {@code best / rate(g)} when lower is better, {@code rate(g) / best} when higher is better
 *       (0/0 counts as 1: two groups that both never get the outcome are at parity);</li>
 *   <li>demographic parity compares selection (alert) rates; equalised odds compares false-positive and
 *       false-negative rates (its difference is the larger of the two); the four-fifths rule holds when every
 *       group's selection-rate ratio is at least 0.8.</li>
 * </ul>
 */
public final class GroupMetrics {

    /** The four-fifths (80%) rule of thumb for adverse impact. */
    public static final double FOUR_FIFTHS = 0.8;

    private GroupMetrics() {}

    /** Which way a rate is better for the people in the group. */
    public enum Better {
        /** e.g. accuracy, a favourable decision */
        HIGHER,
        /** e.g. being flagged as fraud, error rates */
        LOWER
    }

    /**
     * One group's counts for a binary decision. Scored events add to {@code n}, {@code flagged} and
     * {@code scoreSum}; labelled events (an analyst's verdict) add to the confusion counts.
     */
    public record Tally(long n, long flagged, double scoreSum, long tp, long fp, long tn, long fn) {

        public static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0, 0);

        public Tally scored(boolean isFlagged, double score) {
            return new Tally(n + 1, flagged + (isFlagged ? 1 : 0), scoreSum + score, tp, fp, tn, fn);
        }

        public Tally labelled(boolean predictedPositive, boolean actuallyPositive) {
            return new Tally(n, flagged, scoreSum,
                    tp + (predictedPositive && actuallyPositive ? 1 : 0), fp + (predictedPositive && !actuallyPositive ? 1 : 0),
                    tn + (!predictedPositive && !actuallyPositive ? 1 : 0), fn + (!predictedPositive && actuallyPositive ? 1 : 0));
        }

        public Tally plus(Tally o) {
            return new Tally(n + o.n, flagged + o.flagged, scoreSum + o.scoreSum, tp + o.tp, fp + o.fp, tn + o.tn, fn + o.fn);
        }

        public long labelledCount() {
            return tp + fp + tn + fn;
        }

        public long actualNegatives() {
            return fp + tn;
        }

        public long actualPositives() {
            return tp + fn;
        }

        /** flagged / n; NaN without events. */
        public double alertRate() {
            return n == 0 ? Double.NaN : (double) flagged / n;
        }

        public double meanScore() {
            return n == 0 ? Double.NaN : scoreSum / n;
        }

        /** FP / (FP + TN); NaN without labelled negatives. */
        public double falsePositiveRate() {
            return actualNegatives() == 0 ? Double.NaN : (double) fp / actualNegatives();
        }

        /** FN / (FN + TP); NaN without labelled positives. */
        public double falseNegativeRate() {
            return actualPositives() == 0 ? Double.NaN : (double) fn / actualPositives();
        }
    }

    /**
     * hits / trials per group, leaving out groups with fewer than {@code minTrials} trials (too few to judge).
     *
     * @param hitsAndTrials group -> {hits, trials}
     */
    public static Map<String, Double> rates(Map<String, long[]> hitsAndTrials, long minTrials) {
        Map<String, Double> out = new TreeMap<>();
        hitsAndTrials.forEach((g, c) -> {
            if (c[1] > 0 && c[1] >= minTrials) out.put(g, (double) c[0] / c[1]);
        });
        return out;
    }

    /** The disparity of a set of group rates: the best-off group and every group's difference and ratio to it. */
    public record Disparity(String best, double bestRate, Map<String, Double> difference, Map<String, Double> ratio) {

        static final Disparity NONE = new Disparity(null, Double.NaN, Map.of(), Map.of());

        /** The largest difference to the best-off group (max - min of the rates); 0 with fewer than two groups. */
        public double maxDifference() {
            return difference.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        /** The smallest ratio to the best-off group; 1 with fewer than two groups. */
        public double minRatio() {
            return ratio.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
        }

        /** Every group's ratio is at least 0.8. */
        public boolean fourFifths() {
            return minRatio() >= FOUR_FIFTHS;
        }
    }

    /**
     * Difference and ratio of each group's rate to the best-off group's. NaN rates (no data) are left out; ties for
     * best go to the alphabetically first group, so the result is deterministic.
     */
    public static Disparity disparity(Map<String, Double> rates, Better better) {
        Map<String, Double> valid = new TreeMap<>();
        rates.forEach((g, r) -> {
            if (r != null && !r.isNaN()) valid.put(g, r);
        });
        if (valid.isEmpty()) return Disparity.NONE;
        String best = null;
        double bestRate = Double.NaN;
        for (var e : valid.entrySet()) {
            boolean better_ = best == null || (better == Better.HIGHER ? e.getValue() > bestRate : e.getValue() < bestRate);
            if (better_) {
                best = e.getKey();
                bestRate = e.getValue();
            }
        }
        Map<String, Double> diff = new TreeMap<>();
        Map<String, Double> ratio = new TreeMap<>();
        for (var e : valid.entrySet()) {
            double r = e.getValue();
            diff.put(e.getKey(), better == Better.HIGHER ? bestRate - r : r - bestRate);
            double num = better == Better.HIGHER ? r : bestRate;
            double den = better == Better.HIGHER ? bestRate : r;
            ratio.put(e.getKey(), den == 0 ? 1.0 : num / den);
        }
        return new Disparity(best, bestRate, Collections.unmodifiableMap(diff), Collections.unmodifiableMap(ratio));
    }

    /** Selection (alert) rates of the groups with at least {@code minEvents} scored events. */
    public static Map<String, Double> alertRates(Map<String, Tally> groups, long minEvents) {
        Map<String, Double> out = new TreeMap<>();
        groups.forEach((g, t) -> {
            if (t.n() > 0 && t.n() >= minEvents) out.put(g, t.alertRate());
        });
        return out;
    }

    /** False-positive rates of the groups with at least {@code minLabelled} labelled negatives. */
    public static Map<String, Double> falsePositiveRates(Map<String, Tally> groups, long minLabelled) {
        Map<String, Double> out = new TreeMap<>();
        groups.forEach((g, t) -> {
            if (t.actualNegatives() > 0 && t.actualNegatives() >= minLabelled) out.put(g, t.falsePositiveRate());
        });
        return out;
    }

    /** False-negative rates of the groups with at least {@code minLabelled} labelled positives. */
    public static Map<String, Double> falseNegativeRates(Map<String, Tally> groups, long minLabelled) {
        Map<String, Double> out = new TreeMap<>();
        groups.forEach((g, t) -> {
            if (t.actualPositives() > 0 && t.actualPositives() >= minLabelled) out.put(g, t.falseNegativeRate());
        });
        return out;
    }
}
