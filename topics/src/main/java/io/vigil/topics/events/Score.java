package io.vigil.topics.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model's (or the fallback rules') verdict on one event.
 *
 * @param probabilities nullable, label -> probability in [0,1]
 * @param score         in [0,1]: the risk probability, or the probability of {@code label}
 * @param explanation   top tokens with offsets, or top features; may be empty
 * @param latencyMs     scoring latency, >= 0
 * @param mode          {@code rules} while the model's kill switch is on
 */
public record Score(String label, Map<String, Double> probabilities, double score, String model, String modelVersion,
                    List<Attribution> explanation, double latencyMs, Instant scoredAt, ScoringMode mode) {

    public Score {
        Fields.required(label, "label");
        probabilities = Fields.copy(probabilities);
        Fields.required(model, "model");
        Fields.required(modelVersion, "modelVersion");
        explanation = Fields.copyRequired(explanation, "explanation");
        Fields.required(scoredAt, "scoredAt");
        Fields.required(mode, "mode");
    }
}
