package io.vigil.feedback;

import java.util.Map;

/** A corrected event as training data: its text, the analysts' label, and its fairness groups. */
public record TrainingExample(String eventId, String model, String text, String label, Map<String, String> groups) {
    public TrainingExample {
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }
}
