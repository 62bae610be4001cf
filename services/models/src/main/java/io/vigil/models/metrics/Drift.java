package io.vigil.models.metrics;

/**
 * Distribution-shift measures between a reference distribution (the model's training data) and a window of
 * live data, both given as proportions over the same bins or categories.
 */
public final class Drift {

    /**
     * Empty bins get this share before PSI's logarithm, so a bin the reference never saw gives a large but finite
     * term (the usual convention; without it one new value would make PSI infinite).
     */
    public static final double PSI_FLOOR = 1e-4;

    private Drift() {}

    /**
     * Population stability index: sum over bins of (actual - expected) * ln(actual / expected), both floored at
     * {@link #PSI_FLOOR}. Rules of thumb: < 0.1 stable, 0.1-0.25 a moderate shift, > 0.25 a major shift.
     */
    public static double psi(double[] expected, double[] actual) {
        check(expected, actual);
        double s = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], PSI_FLOOR);
            double a = Math.max(actual[i], PSI_FLOOR);
            s += (a - e) * Math.log(a / e);
        }
        return s;
    }

    /**
     * Jensen-Shannon divergence in bits (log base 2), in [0, 1]: symmetric, finite even where one side has a
     * category the other lacks.
     */
    public static double jensenShannon(double[] p, double[] q) {
        check(p, q);
        double js = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            if (p[i] > 0) js += 0.5 * p[i] * log2(p[i] / m);
            if (q[i] > 0) js += 0.5 * q[i] * log2(q[i] / m);
        }
        return Math.max(0, js);
    }

    /** Counts to proportions (all zeros stay zeros). */
    public static double[] proportions(long[] counts) {
        long n = 0;
        for (long c : counts) n += c;
        double[] p = new double[counts.length];
        for (int i = 0; i < p.length; i++) p[i] = n == 0 ? 0 : (double) counts[i] / n;
        return p;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("distributions differ in length: " + a.length + " vs " + b.length);
    }
}
