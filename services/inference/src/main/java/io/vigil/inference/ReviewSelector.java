package io.vigil.inference;

import io.vigil.models.Prediction;
import io.vigil.topics.events.ReviewReason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Picks scored events for analyst review: every high-risk event, low-confidence events (top-2 margin or
 * normalised entropy), and a seeded random slice. Deterministic in (seed, event id), so a transaction that
 * is aborted and retried selects exactly the same items.
 */
public final class ReviewSelector {

    public record Selection(ReviewReason reason, double priority) {}

    private final ReviewSettings settings;

    public ReviewSelector(ReviewSettings settings) {
        this.settings = settings;
    }

    /** Priorities: high risk 3 + score, low confidence 2 + uncertainty, random 1. */
    public Optional<Selection> select(String eventId, ModelSettings model, Prediction p) {
        if (Scores.highRisk(model, p)) {
            return Optional.of(new Selection(ReviewReason.HIGH_RISK, 3 + Scores.riskScore(model, p)));
        }
        double u = uncertainty(p);
        boolean low = settings.uncertainty().equals("margin") ? margin(p) < settings.lowConfidence() : u > settings.lowConfidence();
        if (low) return Optional.of(new Selection(ReviewReason.LOW_CONFIDENCE, 2 + u));
        if (sampled(settings.seed(), eventId, settings.randomRate())) return Optional.of(new Selection(ReviewReason.RANDOM, 1));
        return Optional.empty();
    }

    /** 1 - margin, or the normalised entropy: in [0,1], higher is less sure. */
    double uncertainty(Prediction p) {
        return settings.uncertainty().equals("margin") ? 1 - margin(p) : entropy(p);
    }

    static double margin(Prediction p) {
        float best = -1, second = -1;
        for (float v : p.probabilities()) {
            if (v > best) {
                second = best;
                best = v;
            } else if (v > second) {
                second = v;
            }
        }
        return second < 0 ? 1 : best - second;
    }

    static double entropy(Prediction p) {
        double h = 0;
        for (float v : p.probabilities()) if (v > 0) h -= v * Math.log(v);
        int k = p.probabilities().length;
        return k < 2 ? 0 : h / Math.log(k);
    }

    /** A stable pseudo-random draw in [0,1) from (seed, key): the same key always draws the same. */
    public static boolean sampled(long seed, String key, double rate) {
        if (rate <= 0) return false;
        if (rate >= 1) return true;
        long h = seed * 0x9E3779B97F4A7C15L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53 < rate;
    }
}
