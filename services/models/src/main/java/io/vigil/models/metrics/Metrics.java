package io.vigil.models.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Evaluation metrics. Classes are indices 0..k-1; binary metrics take the positive-class score. */
public final class Metrics {

    private Metrics() {}

    public static double accuracy(int[] y, int[] pred) {
        int ok = 0;
        for (int i = 0; i < y.length; i++) {
            ok += y[i] == pred[i] ? 1 : 0;
        }
        return y.length == 0 ? 0 : (double) ok / y.length;
    }

    /** confusion[true][predicted]. */
    public static int[][] confusion(int[] y, int[] pred, int k) {
        int[][] cm = new int[k][k];
        for (int i = 0; i < y.length; i++) {
            cm[y[i]][pred[i]]++;
        }
        return cm;
    }

    public static double[] precision(int[][] cm) {
        int k = cm.length;
        double[] p = new double[k];
        for (int c = 0; c < k; c++) {
            int col = 0;
            for (int[] row : cm) {
                col += row[c];
            }
            p[c] = col == 0 ? 0 : (double) cm[c][c] / col;
        }
        return p;
    }

    public static double[] recall(int[][] cm) {
        int k = cm.length;
        double[] r = new double[k];
        for (int c = 0; c < k; c++) {
            int row = Arrays.stream(cm[c]).sum();
            r[c] = row == 0 ? 0 : (double) cm[c][c] / row;
        }
        return r;
    }

    public static double[] f1(int[][] cm) {
        double[] p = precision(cm);
        double[] r = recall(cm);
        double[] f = new double[cm.length];
        for (int c = 0; c < f.length; c++) {
            f[c] = p[c] + r[c] == 0 ? 0 : 2 * p[c] * r[c] / (p[c] + r[c]);
        }
        return f;
    }

    public static double macroF1(int[] y, int[] pred, int k) {
        return Arrays.stream(f1(confusion(y, pred, k))).average().orElse(0);
    }

    /**
     * Average precision (area under the precision-recall curve as a step function, the
     * scikit-learn definition): sum over thresholds of (R_n - R_{n-1}) * P_n; tied scores form one
     * threshold.
     */
    public static double auprc(int[] y, double[] score) {
        Integer[] order = sortedDesc(score);
        int positives = (int) Arrays.stream(y).filter(v -> v == 1).count();
        if (positives == 0) {
            return Double.NaN; // undefined without positives
        }
        double ap = 0;
        double prevRecall = 0;
        int tp = 0;
        int seen = 0;
        for (int i = 0; i < order.length; i++) {
            tp += y[order[i]];
            seen++;
            if (i + 1 < order.length && score[order[i + 1]] == score[order[i]]) {
                continue;
            }
            double recall = (double) tp / positives;
            ap += (recall - prevRecall) * ((double) tp / seen);
            prevRecall = recall;
        }
        return ap;
    }

    /** ROC-AUC as the probability a random positive outscores a random negative (ties count 1/2). */
    public static double rocAuc(int[] y, double[] score) {
        Integer[] order = IntStream.range(0, score.length).boxed()
                .sorted(Comparator.comparingDouble(i -> score[i])).toArray(Integer[]::new);
        double rankSumPos = 0;
        long pos = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1; // 1-based mid-rank of the tie group
            for (int t = i; t <= j; t++) {
                if (y[order[t]] == 1) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = y.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * Expected calibration error over {@code bins} equal-width confidence bins:
     * sum_b |B_b|/n * |accuracy(B_b) - mean confidence(B_b)|, confidence = max probability.
     */
    public static double ece(int[] y, float[][] probs, int bins) {
        double[] conf = new double[bins];
        double[] acc = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < y.length; i++) {
            int arg = argmax(probs[i]);
            double c = probs[i][arg];
            int b = Math.min(bins - 1, (int) (c * bins));
            conf[b] += c;
            acc[b] += arg == y[i] ? 1 : 0;
            count[b]++;
        }
        double e = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                e += Math.abs(acc[b] / count[b] - conf[b] / count[b]) * count[b] / y.length;
            }
        }
        return e;
    }

    /**
     * Calibration error of a positive-class score: bins of equal width over [0, 1] by score; the
     * count-weighted mean |positive rate - mean score| per bin. Unlike {@link #ece(int[], float[][], int)}
     * (top-label confidence, dominated by the easy majority class) this reads "of the events scored
     * about 0.9, are about 90% positive?".
     */
    public static double positiveEce(int[] y, double[] score, int bins) {
        double[] conf = new double[bins];
        double[] pos = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < y.length; i++) {
            int b = Math.min(bins - 1, Math.max(0, (int) (score[i] * bins)));
            conf[b] += score[i];
            pos[b] += y[i];
            count[b]++;
        }
        double e = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                e += Math.abs(pos[b] / count[b] - conf[b] / count[b]) * count[b] / y.length;
            }
        }
        return e;
    }

    public static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Full multi-class report (ECE over 10 bins). */
    public static Map<String, Object> report(List<String> labels, int[] y, float[][] probs) {
        int[] pred = Arrays.stream(probs).mapToInt(Metrics::argmax).toArray();
        int[][] cm = confusion(y, pred, labels.size());
        double[] p = precision(cm);
        double[] r = recall(cm);
        double[] f = f1(cm);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", y.length);
        m.put("accuracy", round(accuracy(y, pred)));
        m.put("macroF1", round(Arrays.stream(f).average().orElse(0)));
        Map<String, Object> per = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            per.put(labels.get(c), Map.of("precision", round(p[c]), "recall", round(r[c]), "f1", round(f[c])));
        }
        m.put("perClass", per);
        m.put("confusion", cm);
        m.put("ece", round(ece(y, probs, 10)));
        return m;
    }

    /** Binary report for the positive class index {@code positive}: adds AUPRC and ROC-AUC. */
    public static Map<String, Object> binaryReport(List<String> labels, int positive, int[] y, float[][] probs) {
        Map<String, Object> m = report(labels, y, probs);
        int[] yb = Arrays.stream(y).map(v -> v == positive ? 1 : 0).toArray();
        double[] s = Arrays.stream(probs).mapToDouble(p -> p[positive]).toArray();
        m.put("auprc", round(auprc(yb, s)));
        m.put("rocAuc", round(rocAuc(yb, s)));
        m.put("positives", Arrays.stream(yb).sum());
        return m;
    }

    public static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1e4) / 1e4;
    }

    private static Integer[] sortedDesc(double[] score) {
        // stable on index so ties are deterministic
        return IntStream.range(0, score.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
    }
}
