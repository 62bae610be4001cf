package io.vigil.models.tabular;

import java.util.List;

/**
 * config.json of a tabular risk model: the feature spec it was trained on (names in input order +
 * version), the normalisation (inputs become (x - mean) / std before the MLP), the MLP shape, and an
 * optional {@link Calibration} applied to the network's output (null: plain softmax).
 */
public record TabularModelConfig(String type, List<String> labels, String featureSpecVersion,
                                 List<String> featureNames, float[] mean, float[] std,
                                 int[] hidden, float dropout, Calibration calibration) {

    public static final String TYPE = "djl-tabular-mlp";

    /** An uncalibrated model. */
    public TabularModelConfig(String type, List<String> labels, String featureSpecVersion, List<String> featureNames,
                              float[] mean, float[] std, int[] hidden, float dropout) {
        this(type, labels, featureSpecVersion, featureNames, mean, std, hidden, dropout, null);
    }

    public TabularModelConfig withCalibration(Calibration c) {
        return new TabularModelConfig(type, labels, featureSpecVersion, featureNames, mean, std, hidden, dropout, c);
    }

    /**
     * Platt scaling of a two-label model, fitted on held-out data: p(labels[1]) = sigmoid(a * z + b) with
     * z = logit[1] - logit[0] of the network (the log-odds its softmax would give).
     *
     * @param method   "platt" (the only one)
     * @param a        slope
     * @param b        intercept
     * @param fittedOn what it was fitted on, for the reader (e.g. "dev split, 10,944 rows")
     */
    public record Calibration(String method, double a, double b, String fittedOn) {

        public static final String PLATT = "platt";

        public Calibration {
            if (!PLATT.equals(method)) {
                throw new IllegalArgumentException("unknown calibration method " + method + " (known: platt)");
            }
        }

        public double apply(double z) {
            return 1 / (1 + Math.exp(-(a * z + b)));
        }

        /**
         * Fits (a, b) by Newton's method on the log loss, with Platt's smoothed targets
         * ((n+ + 1) / (n+ + 2) for positives, 1 / (n- + 2) for negatives) so separable data gives a finite slope.
         *
         * @param z log-odds of the model (uncalibrated)
         * @param y 1 for the positive label, else 0
         */
        public static Calibration fitPlatt(double[] z, int[] y, String fittedOn) {
            if (z.length != y.length || z.length == 0) {
                throw new IllegalArgumentException("need as many labels as scores, and some: " + z.length + " vs " + y.length);
            }
            int pos = 0;
            for (int v : y) {
                pos += v == 1 ? 1 : 0;
            }
            int neg = y.length - pos;
            if (pos == 0 || neg == 0) {
                throw new IllegalArgumentException("Platt scaling needs both classes (positives " + pos + ", negatives " + neg + ")");
            }
            double hi = (pos + 1.0) / (pos + 2.0);
            double lo = 1.0 / (neg + 2.0);
            double a = 1;
            double b = 0;
            double loss = Double.POSITIVE_INFINITY;
            for (int it = 0; it < 100; it++) {
                double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12, l = 0;
                for (int i = 0; i < z.length; i++) {
                    double t = y[i] == 1 ? hi : lo;
                    double p = 1 / (1 + Math.exp(-(a * z[i] + b)));
                    double w = p * (1 - p);
                    ga += (p - t) * z[i];
                    gb += p - t;
                    haa += w * z[i] * z[i];
                    hab += w * z[i];
                    hbb += w;
                    l -= t * Math.log(Math.max(p, 1e-300)) + (1 - t) * Math.log(Math.max(1 - p, 1e-300));
                }
                double det = haa * hbb - hab * hab;
                double da = (hbb * ga - hab * gb) / det;
                double db = (haa * gb - hab * ga) / det;
                a -= da;
                b -= db;
                if (Math.abs(loss - l) < 1e-10 * Math.max(1, Math.abs(l)) && Math.abs(da) + Math.abs(db) < 1e-9) {
                    break;
                }
                loss = l;
            }
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                throw new IllegalStateException("Platt scaling did not converge");
            }
            return new Calibration(PLATT, a, b, fittedOn);
        }
    }
}
