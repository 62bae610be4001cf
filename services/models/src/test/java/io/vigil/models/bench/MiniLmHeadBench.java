package io.vigil.models.bench;

import io.vigil.models.metrics.Metrics;
import io.vigil.models.train.Training;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.util.Random;

/** Manual experiment (not a test): softmax regression / 1-hidden MLP on dumped MiniLM features. */
public final class MiniLmHeadBench {
    public static void main(String[] a) throws Exception {
        float[][] f;
        int[] y;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(a[0])))) {
            int n = in.readInt();
            f = new float[n][8 * 384];
            y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = in.readInt();
                for (int j = 0; j < 8 * 384; j++) f[i][j] = in.readFloat();
            }
        }
        int[][] split = Training.stratifiedSplit(y, 3, 0.15, Training.SEED);
        String[] sets = a.length > 1 ? a[1].split(";") : new String[] {"5", "4", "3", "6", "7", "4,5", "3,4,5", "2,3,4,5", "0,1,2,3,4,5,7"};
        for (String set : sets) {
            int[] parts = java.util.Arrays.stream(set.split(",")).mapToInt(Integer::parseInt).toArray();
            for (float l2 : new float[] {1e-4f, 1e-3f}) {
                for (int hidden : new int[] {0, 256}) {
                    double[] r = fit(f, y, split, parts, l2, hidden);
                    System.out.printf("parts %s l2 %g hidden %d -> dev macroF1 %.4f acc %.4f (best epoch %d)%n", set, l2, hidden, r[0], r[1], (int) r[2]);
                }
            }
        }
    }

    static float[] x(float[] row, int[] parts, float[] mean, float[] sd) {
        float[] v = new float[parts.length * 384];
        for (int p = 0; p < parts.length; p++) System.arraycopy(row, parts[p] * 384, v, p * 384, 384);
        if (mean != null) for (int j = 0; j < v.length; j++) v[j] = (v[j] - mean[j]) / sd[j];
        return v;
    }

    static double[] fit(float[][] f, int[] y, int[][] split, int[] parts, float l2, int hidden) {
        int d = parts.length * 384;
        float[] mean = new float[d], sd = new float[d];
        for (int i : split[0]) { float[] v = x(f[i], parts, null, null); for (int j = 0; j < d; j++) mean[j] += v[j] / split[0].length; }
        for (int i : split[0]) { float[] v = x(f[i], parts, null, null); for (int j = 0; j < d; j++) sd[j] += (v[j] - mean[j]) * (v[j] - mean[j]) / split[0].length; }
        for (int j = 0; j < d; j++) sd[j] = (float) Math.sqrt(sd[j]) + 1e-6f;
        float[][] tr = new float[split[0].length][], dv = new float[split[1].length][];
        int[] ty = new int[tr.length], dy = new int[dv.length];
        for (int i = 0; i < tr.length; i++) { tr[i] = x(f[split[0][i]], parts, mean, sd); ty[i] = y[split[0][i]]; }
        for (int i = 0; i < dv.length; i++) { dv[i] = x(f[split[1][i]], parts, mean, sd); dy[i] = y[split[1][i]]; }
        int[] cnt = new int[3];
        for (int v : ty) cnt[v]++;
        float[] cw = new float[3];
        for (int c = 0; c < 3; c++) cw[c] = ty.length / (3f * cnt[c]);
        Random rnd = new Random(42);
        int h = hidden == 0 ? d : hidden;
        float[][] w1 = new float[hidden == 0 ? 0 : hidden][d];
        float[] b1 = new float[h];
        for (float[] r : w1) for (int j = 0; j < d; j++) r[j] = (float) (rnd.nextGaussian() * Math.sqrt(2.0 / d));
        float[][] w2 = new float[3][h];
        float[] b2 = new float[3];
        double best = -1, bestAcc = 0; int bestEp = 0;
        int[] order = java.util.stream.IntStream.range(0, tr.length).toArray();
        // plain per-example SGD with a decaying step (a quick probe, not a tuned optimiser)
        for (int ep = 1; ep <= 30; ep++) {
            for (int i = order.length - 1; i > 0; i--) { int j = rnd.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
            float step = 0.01f / (1 + 0.1f * ep);
            for (int i : order) {
                float[] xi = tr[i];
                float[] hid = hidden == 0 ? xi : new float[h];
                if (hidden > 0) for (int k = 0; k < h; k++) { float s = b1[k]; float[] r = w1[k]; for (int j = 0; j < d; j++) s += r[j] * xi[j]; hid[k] = s > 0 ? s : 0; }
                float[] z = new float[3];
                for (int c = 0; c < 3; c++) { float s = b2[c]; for (int k = 0; k < h; k++) s += w2[c][k] * hid[k]; z[c] = s; }
                float mx = Math.max(z[0], Math.max(z[1], z[2])); float sum = 0;
                for (int c = 0; c < 3; c++) { z[c] = (float) Math.exp(z[c] - mx); sum += z[c]; }
                float[] g = new float[3];
                for (int c = 0; c < 3; c++) g[c] = cw[ty[i]] * (z[c] / sum - (c == ty[i] ? 1 : 0));
                float[] gh = hidden > 0 ? new float[h] : null;
                for (int c = 0; c < 3; c++) {
                    for (int k = 0; k < h; k++) {
                        if (gh != null) gh[k] += g[c] * w2[c][k];
                        w2[c][k] -= step * (g[c] * hid[k] + l2 * w2[c][k]);
                    }
                    b2[c] -= step * g[c];
                }
                if (hidden > 0) for (int k = 0; k < h; k++) { if (hid[k] <= 0) continue; float gk = gh[k]; float[] r = w1[k]; for (int j = 0; j < d; j++) r[j] -= step * (gk * xi[j] + l2 * r[j]); b1[k] -= step * gk; }
            }
            int[] pred = new int[dv.length];
            for (int i = 0; i < dv.length; i++) {
                float[] xi = dv[i];
                float[] hid = hidden == 0 ? xi : new float[h];
                if (hidden > 0) for (int k = 0; k < h; k++) { float s = b1[k]; float[] r = w1[k]; for (int j = 0; j < d; j++) s += r[j] * xi[j]; hid[k] = s > 0 ? s : 0; }
                int bc = 0; float bz = -1e30f;
                for (int c = 0; c < 3; c++) { float s = b2[c]; for (int k = 0; k < h; k++) s += w2[c][k] * hid[k]; if (s > bz) { bz = s; bc = c; } }
                pred[i] = bc;
            }
            double f1 = Metrics.macroF1(dy, pred, 3);
            if (f1 > best) { best = f1; bestAcc = Metrics.accuracy(dy, pred); bestEp = ep; }
        }
        return new double[] {best, bestAcc, bestEp};
    }
}
