package io.vigil.models.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multinomial naive Bayes over word unigrams + bigrams (Laplace smoothing), words from
 * {@link TokenizerBuilder#preTokenize}. The baseline a neural text model must beat.
 */
public final class NaiveBayesBaseline {

    private final int k;
    private final double alpha;
    private final double[] logPrior;
    private final Map<String, int[]> counts = new HashMap<>();
    private final long[] totals;

    public NaiveBayesBaseline(int classes, double alpha) {
        this.k = classes;
        this.alpha = alpha;
        this.logPrior = new double[classes];
        this.totals = new long[classes];
    }

    public static List<String> features(String text) {
        List<String> w = TokenizerBuilder.preTokenize(text);
        List<String> f = new java.util.ArrayList<>(w);
        for (int i = 0; i + 1 < w.size(); i++) {
            f.add(w.get(i) + " " + w.get(i + 1));
        }
        return f;
    }

    public NaiveBayesBaseline fit(List<String> texts, int[] y) {
        int[] docs = new int[k];
        for (int i = 0; i < texts.size(); i++) {
            docs[y[i]]++;
            for (String f : features(texts.get(i))) {
                counts.computeIfAbsent(f, x -> new int[k])[y[i]]++;
                totals[y[i]]++;
            }
        }
        for (int c = 0; c < k; c++) {
            logPrior[c] = Math.log((double) docs[c] / texts.size());
        }
        return this;
    }

    public int predict(String text) {
        double[] s = logPrior.clone();
        int v = counts.size();
        for (String f : features(text)) {
            int[] cnt = counts.get(f);
            if (cnt == null) {
                continue;
            }
            for (int c = 0; c < k; c++) {
                s[c] += Math.log((cnt[c] + alpha) / (totals[c] + alpha * v));
            }
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (s[c] > s[best]) {
                best = c;
            }
        }
        return best;
    }
}
