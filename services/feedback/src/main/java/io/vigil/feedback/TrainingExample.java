package io.vigil.feedback;

import java.util.Map;

/**
 * A corrected event as training data: its model input (the de-identified text, or the feature map of a
 * transaction), the analysts' label, and its fairness groups.
 */
public record TrainingExample(String eventId, String model, String text, Map<String, Double> features, String label,
                              Map<String, String> groups) {
    public TrainingExample {
        features = features == null ? Map.of() : Map.copyOf(features);
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }

    /** A text model's example. */
    public TrainingExample(String eventId, String model, String text, String label, Map<String, String> groups) {
        this(eventId, model, text, null, label, groups);
    }
}
