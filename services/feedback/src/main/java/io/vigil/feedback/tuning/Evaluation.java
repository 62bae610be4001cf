package io.vigil.feedback.tuning;

import io.vigil.feedback.TrainingExample;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.metrics.GroupMetrics;
import io.vigil.models.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One model's scores for the gate: the frozen holdout (accuracy, macro-F1), the held-out corrections
 * (accuracy), and accuracy per group value of the held-out corrections with the gap (max - min) per group
 * attribute. Groups with fewer than minGroupSize examples are not scored.
 */
public record Evaluation(double holdoutAccuracy, double holdoutMacroF1, int holdoutN, double correctionsAccuracy,
                         int correctionsN, Map<String, Map<String, Double>> groupAccuracy, Map<String, Double> groupGap) {

    public static Evaluation of(ScoringModel<String> model, LabelledSet holdout, List<TrainingExample> heldCorrections,
                                int minGroupSize) {
        List<String> labels = model.labels();
        int k = labels.size();
        int[] hp = predict(model, holdout.texts());
        double hAcc = holdout.size() == 0 ? Double.NaN : Metrics.accuracy(holdout.labels(), hp);
        double hF1 = holdout.size() == 0 ? Double.NaN : Metrics.macroF1(holdout.labels(), hp, k);
        int[] cp = predict(model, heldCorrections.stream().map(TrainingExample::text).toList());
        boolean[] right = new boolean[cp.length];
        int ok = 0;
        for (int i = 0; i < cp.length; i++) {
            right[i] = labels.get(cp[i]).equals(heldCorrections.get(i).label());
            if (right[i]) ok++;
        }
        Map<String, Map<String, int[]>> counts = new TreeMap<>();
        for (int i = 0; i < cp.length; i++) {
            for (var g : heldCorrections.get(i).groups().entrySet()) {
                int[] c = counts.computeIfAbsent(g.getKey(), x -> new TreeMap<>()).computeIfAbsent(g.getValue(), x -> new int[2]);
                c[0]++;
                if (right[i]) c[1]++;
            }
        }
        Map<String, Map<String, Double>> acc = new TreeMap<>();
        Map<String, Double> gap = new TreeMap<>();
        counts.forEach((attr, values) -> { // the same group maths as the stream's fairness monitor
            Map<String, long[]> hitsAndTrials = new TreeMap<>();
            values.forEach((v, c) -> hitsAndTrials.put(v, new long[] {c[1], c[0]}));
            Map<String, Double> m = GroupMetrics.rates(hitsAndTrials, minGroupSize);
            if (m.size() >= 2) {
                acc.put(attr, m);
                gap.put(attr, GroupMetrics.disparity(m, GroupMetrics.Better.HIGHER).maxDifference());
            }
        });
        return new Evaluation(hAcc, hF1, holdout.size(), cp.length == 0 ? Double.NaN : ok / (double) cp.length,
                cp.length, acc, gap);
    }

    static int[] predict(ScoringModel<String> model, List<String> texts) {
        if (texts.isEmpty()) return new int[0];
        return model.predict(texts).stream().mapToInt(Prediction::labelIndex).toArray();
    }

    /** For cards and release metrics: flat, rounded. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("holdoutAccuracy", round(holdoutAccuracy));
        m.put("holdoutMacroF1", round(holdoutMacroF1));
        m.put("holdoutN", holdoutN);
        m.put("correctionsAccuracy", round(correctionsAccuracy));
        m.put("correctionsN", correctionsN);
        m.put("groupAccuracy", groupAccuracy);
        m.put("groupGap", groupGap);
        return m;
    }

    static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1e4) / 1e4;
    }
}
