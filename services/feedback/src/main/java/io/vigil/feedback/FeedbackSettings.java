package io.vigil.feedback;

import io.vigil.platform.config.ConfigException;
import java.util.List;
import java.util.Map;

/** The {@code feedback} configuration section (kebab-case keys in YAML). */
public record FeedbackSettings(List<ApiKeySpec> apiKeys, String modelsDir, String trainingDataDir,
                               Review review, FineTune fineTune, Gate gate) {

    /** One API key: who holds it, their role, and the SHA-256 (hex) of the key. */
    public record ApiKeySpec(String name, String role, String sha256) {
        public ApiKeySpec {
            if (name == null || name.isBlank()) throw new ConfigException("feedback.api-keys: every key needs a name");
            Role.parse(role);
            if (sha256 == null || !sha256.strip().matches("[0-9a-fA-F]{64}"))
                throw new ConfigException("feedback.api-keys[" + name + "].sha256 must be 64 hex digits (the SHA-256 of the key)");
            sha256 = sha256.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Review(int defaultLimit, int maxLimit, double secondReviewFraction) {
        public Review {
            if (defaultLimit < 1 || maxLimit < defaultLimit) throw new ConfigException("feedback.review: need 1 <= default-limit <= max-limit");
            if (secondReviewFraction < 0 || secondReviewFraction > 1) throw new ConfigException("feedback.review.second-review-fraction must be in [0,1]");
        }
    }

    /**
     * When and how to fine-tune; {@code models} overrides the training knobs per model by key, e.g.
     * {@code models: {note-risk: {correction-repeats: "1", class-weights: "true"}}} ({@link #forModel}).
     */
    public record FineTune(boolean enabled, int everyCorrections, int everyMinutes, int minWaiting, int checkSeconds,
                           int replaySize, int correctionRepeats, int epochs, float learningRate, int batchSize,
                           boolean classWeights, double heldoutCorrectionFraction, double holdoutFraction, int holdoutSize,
                           Map<String, Map<String, String>> models) {
        public FineTune {
            if (everyCorrections < 1 || minWaiting < 1 || everyMinutes < 1 || checkSeconds < 1)
                throw new ConfigException("feedback.fine-tune: every-corrections, min-waiting, every-minutes and check-seconds must be >= 1");
            if (epochs < 1 || batchSize < 1 || correctionRepeats < 1 || replaySize < 0 || holdoutSize < 0)
                throw new ConfigException("feedback.fine-tune: epochs, batch-size, correction-repeats >= 1; replay-size, holdout-size >= 0");
            if (heldoutCorrectionFraction <= 0 || heldoutCorrectionFraction >= 1 || holdoutFraction <= 0 || holdoutFraction >= 1)
                throw new ConfigException("feedback.fine-tune: heldout-correction-fraction and holdout-fraction must be in (0,1)");
            models = models == null ? Map.of() : Map.copyOf(models);
            for (var e : models.entrySet()) {
                for (String k : e.getValue().keySet()) {
                    if (!TUNABLE.contains(k))
                        throw new ConfigException("feedback.fine-tune.models." + e.getKey() + "." + k + ": unknown key; one of " + TUNABLE);
                }
                e.getValue().forEach((k, v) -> {
                    try {
                        if (k.equals("class-weights")) bool(v);
                        else Double.parseDouble(v.strip());
                    } catch (NumberFormatException x) {
                        throw new ConfigException("feedback.fine-tune.models." + e.getKey() + "." + k + ": not a number: '" + v + "'");
                    }
                });
            }
        }

        static final List<String> TUNABLE = List.of("replay-size", "correction-repeats", "epochs", "learning-rate", "batch-size", "class-weights");

        /** The training knobs for one model: these with its overrides applied. */
        public FineTune forModel(String model) {
            Map<String, String> o = models.getOrDefault(model, Map.of());
            if (o.isEmpty()) return this;
            try {
                return new FineTune(enabled, everyCorrections, everyMinutes, minWaiting, checkSeconds,
                        o.containsKey("replay-size") ? Integer.parseInt(o.get("replay-size").strip()) : replaySize,
                        o.containsKey("correction-repeats") ? Integer.parseInt(o.get("correction-repeats").strip()) : correctionRepeats,
                        o.containsKey("epochs") ? Integer.parseInt(o.get("epochs").strip()) : epochs,
                        o.containsKey("learning-rate") ? Float.parseFloat(o.get("learning-rate").strip()) : learningRate,
                        o.containsKey("batch-size") ? Integer.parseInt(o.get("batch-size").strip()) : batchSize,
                        o.containsKey("class-weights") ? bool(o.get("class-weights")) : classWeights,
                        heldoutCorrectionFraction, holdoutFraction, holdoutSize, Map.of());
            } catch (NumberFormatException e) {
                throw new ConfigException("feedback.fine-tune.models." + model + ": " + e.getMessage());
            }
        }

        private static boolean bool(String v) {
            return switch (v.strip()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException("feedback.fine-tune.models.*.class-weights must be true or false, not '" + v + "'");
            };
        }
    }

    /**
     * The promotion rules; {@code models} overrides any numeric rule per model by its key, e.g.
     * {@code models: {note-risk: {holdout-tolerance: 0.03}}} ({@link #forModel}).
     */
    public record Gate(double minCorrectionGain, double holdoutTolerance, double holdoutMacroF1Tolerance,
                       double holdoutAuprcTolerance, double groupGapTolerance, int minHeldoutCorrections, int minGroupSize,
                       Map<String, Map<String, Double>> models) {
        public Gate {
            if (holdoutTolerance < 0 || holdoutMacroF1Tolerance < 0 || holdoutAuprcTolerance < 0 || groupGapTolerance < 0)
                throw new ConfigException("feedback.gate tolerances must be >= 0");
            models = models == null ? Map.of() : Map.copyOf(models);
            for (var e : models.entrySet()) {
                for (String k : e.getValue().keySet()) {
                    if (!OVERRIDABLE.contains(k))
                        throw new ConfigException("feedback.gate.models." + e.getKey() + "." + k + ": unknown rule; one of " + OVERRIDABLE);
                }
            }
        }

        static final List<String> OVERRIDABLE = List.of("min-correction-gain", "holdout-tolerance", "holdout-macro-f1-tolerance",
                "holdout-auprc-tolerance", "group-gap-tolerance", "min-heldout-corrections", "min-group-size");

        /** The rules for one model: these defaults with its overrides applied. */
        public Gate forModel(String model) {
            Map<String, Double> o = models.getOrDefault(model, Map.of());
            if (o.isEmpty()) return this;
            return new Gate(o.getOrDefault("min-correction-gain", minCorrectionGain), o.getOrDefault("holdout-tolerance", holdoutTolerance),
                    o.getOrDefault("holdout-macro-f1-tolerance", holdoutMacroF1Tolerance),
                    o.getOrDefault("holdout-auprc-tolerance", holdoutAuprcTolerance),
                    o.getOrDefault("group-gap-tolerance", groupGapTolerance),
                    o.containsKey("min-heldout-corrections") ? o.get("min-heldout-corrections").intValue() : minHeldoutCorrections,
                    o.containsKey("min-group-size") ? o.get("min-group-size").intValue() : minGroupSize, Map.of());
        }
    }

    public FeedbackSettings {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        modelsDir = modelsDir == null ? "" : modelsDir.strip();
        trainingDataDir = trainingDataDir == null || trainingDataDir.isBlank() ? "data" : trainingDataDir.strip();
        if (review == null || fineTune == null || gate == null) throw new ConfigException("feedback: review, fine-tune and gate sections are required");
    }
}
