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
 * One model's scores for the gate: the frozen holdout (accuracy, macro-F1, and for a binary risk model the
 * AUPRC of its risk label), the held-out corrections (accuracy), and accuracy per group value of the held-out
 * corrections with the gap (max - min) per group attribute. Groups with fewer than minGroupSize examples are
 * not scored.
 */
public record Evaluation(double holdoutAccuracy, double holdoutMacroF1, double holdoutAuprc, int holdoutN,
                         double correctionsAccuracy, int correctionsN, Map<String, Map<String, Double>> groupAccuracy,
                         Map<String, Double> groupGap) {

    /**
     * @param heldInputs     the model inputs of {@code heldCorrections}, in the same order
     * @param positiveLabel  the risk label whose holdout AUPRC is reported, or null (then AUPRC is NaN)
     */
    public static <I> Evaluation of(ScoringModel<I> model, LabelledSet<I> holdout, List<I> heldInputs,
                                    List<TrainingExample> heldCorrections, int minGroupSize, String positiveLabel) {
        List<String> labels = model.labels();
        int k = labels.size();
        List<Prediction> hp = predict(model, holdout.inputs());
        int[] hy = hp.stream().mapToInt(Prediction::labelIndex).toArray();
        double hAcc = holdout.size() == 0 ? Double.NaN : Metrics.accuracy(holdout.labels(), hy);
        double hF1 = holdout.size() == 0 ? Double.NaN : Metrics.macroF1(holdout.labels(), hy, k);
        double auprc = Double.NaN;
        int pos = positiveLabel == null ? -1 : labels.indexOf(positiveLabel);
        if (pos >= 0 && holdout.size() > 0) {
            int[] binary = java.util.Arrays.stream(holdout.labels()).map(v -> v == pos ? 1 : 0).toArray();
            if (java.util.Arrays.stream(binary).sum() > 0) {
                auprc = Metrics.auprc(binary, hp.stream().mapToDouble(p -> p.probabilities()[pos]).toArray());
            }
        }
        List<Prediction> cp = predict(model, heldInputs);
        boolean[] right = new boolean[cp.size()];
        int ok = 0;
        for (int i = 0; i < cp.size(); i++) {
            right[i] = cp.get(i).label().equals(heldCorrections.get(i).label());
            if (right[i]) ok++;
        }
        Map<String, Map<String, int[]>> counts = new TreeMap<>();
        for (int i = 0; i < cp.size(); i++) {
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
        return new Evaluation(hAcc, hF1, auprc, holdout.size(), cp.isEmpty() ? Double.NaN : ok / (double) cp.size(),
                cp.size(), acc, gap);
    }

    static <I> List<Prediction> predict(ScoringModel<I> model, List<I> inputs) {
        if (inputs.isEmpty()) return List.of();
        List<Prediction> out = new java.util.ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i += 512) out.addAll(model.predict(inputs.subList(i, Math.min(inputs.size(), i + 512))));
        return out;
    }

    /** For cards and release metrics: flat, rounded. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("holdoutAccuracy", round(holdoutAccuracy));
        m.put("holdoutMacroF1", round(holdoutMacroF1));
        if (!Double.isNaN(holdoutAuprc)) m.put("holdoutAuprc", round(holdoutAuprc));
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
