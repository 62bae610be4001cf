package io.vigil.inference;

import io.vigil.inference.workload.Scored;
import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.topics.events.Attribution;
import io.vigil.topics.events.Score;
import io.vigil.topics.events.ScoringMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a worker's result into the contract's {@link Score}: one mapping for the stream and HTTP. */
public final class Scores {

    private Scores() {}

    /** The event's score: P(risk-label) when the model has one (fraud, notes), else P(predicted label). */
    public static double riskScore(ModelSettings s, Prediction p) {
        if (!s.riskLabel().isEmpty() && p.labels().contains(s.riskLabel())) return p.probability(s.riskLabel());
        return p.confidence();
    }

    public static boolean highRisk(ModelSettings s, Prediction p) {
        return riskScore(s, p) >= s.highRiskThreshold() || s.highRiskLabels().contains(p.label());
    }

    /** RULES when the rules fallback scored it (the kill switch serves them under the version "rules"). */
    public static ScoringMode mode(Scored r) {
        return io.vigil.models.rules.RulesModels.isRules(r.version()) ? ScoringMode.RULES : ScoringMode.MODEL;
    }

    /**
     * @param note an extra attribution saying how the input was altered (e.g. truncated), or null
     * @param mode {@link #mode(Scored)}: RULES while the kill switch serves the rules
     */
    public static Score score(ModelSettings s, Scored r, Attribution note, Instant at, ScoringMode mode) {
        Prediction p = r.prediction();
        Map<String, Double> probs = new LinkedHashMap<>();
        for (int i = 0; i < p.labels().size(); i++) probs.put(p.labels().get(i), clamp(p.probabilities()[i]));
        List<Attribution> explanation = new ArrayList<>(attributions(r.explanation()));
        if (note != null) explanation.add(note);
        return new Score(p.label(), probs, clamp(riskScore(s, p)), r.model(), r.version(), explanation,
                Math.max(0, r.latencyMs()), at, mode);
    }

    public static List<Attribution> attributions(Explanation e) {
        if (e == null) return List.of();
        List<Attribution> out = new ArrayList<>(e.top().size());
        for (io.vigil.models.Attribution a : e.top()) {
            double w = Double.isFinite(a.weight()) ? a.weight() : 0.0;
            if (a.name() == null || a.name().isBlank()) continue;
            out.add(a.start() >= 0 && a.end() >= a.start()
                    ? Attribution.token(a.name(), w, a.start(), a.end())
                    : Attribution.feature(a.name(), w));
        }
        return out;
    }

    /** The model's explanation policy for one input (review items are explained regardless). */
    public static boolean explainPolicy(ModelSettings s, Prediction p, String key, long seed) {
        return switch (s.explain()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case THRESHOLD -> riskScore(s, p) >= s.explainThreshold();
            case SAMPLED -> ReviewSelector.sampled(seed ^ 0x5DEECE66DL, key, s.explainSampleRate());
        };
    }

    private static double clamp(double v) {
        return Double.isFinite(v) ? Math.min(1.0, Math.max(0.0, v)) : 0.0;
    }
}
