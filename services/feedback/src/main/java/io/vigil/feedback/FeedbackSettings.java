package io.vigil.feedback;

import io.vigil.platform.config.ConfigException;
import java.util.List;

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

    public record FineTune(boolean enabled, int everyCorrections, int everyMinutes, int minWaiting, int checkSeconds,
                           int replaySize, int correctionRepeats, int epochs, float learningRate, int batchSize,
                           double heldoutCorrectionFraction, double holdoutFraction, int holdoutSize) {
        public FineTune {
            if (everyCorrections < 1 || minWaiting < 1 || everyMinutes < 1 || checkSeconds < 1)
                throw new ConfigException("feedback.fine-tune: every-corrections, min-waiting, every-minutes and check-seconds must be >= 1");
            if (epochs < 1 || batchSize < 1 || correctionRepeats < 1 || replaySize < 0 || holdoutSize < 0)
                throw new ConfigException("feedback.fine-tune: epochs, batch-size, correction-repeats >= 1; replay-size, holdout-size >= 0");
            if (heldoutCorrectionFraction <= 0 || heldoutCorrectionFraction >= 1 || holdoutFraction <= 0 || holdoutFraction >= 1)
                throw new ConfigException("feedback.fine-tune: heldout-correction-fraction and holdout-fraction must be in (0,1)");
        }
    }

    public record Gate(double minCorrectionGain, double holdoutTolerance, double holdoutMacroF1Tolerance, double groupGapTolerance,
                       int minHeldoutCorrections, int minGroupSize) {
        public Gate {
            if (holdoutTolerance < 0 || holdoutMacroF1Tolerance < 0 || groupGapTolerance < 0)
                throw new ConfigException("feedback.gate tolerances must be >= 0");
        }
    }

    public FeedbackSettings {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        modelsDir = modelsDir == null ? "" : modelsDir.strip();
        trainingDataDir = trainingDataDir == null || trainingDataDir.isBlank() ? "data" : trainingDataDir.strip();
        if (review == null || fineTune == null || gate == null) throw new ConfigException("feedback: review, fine-tune and gate sections are required");
    }
}
