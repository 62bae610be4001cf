package io.vigil.topics.events;

import java.time.Instant;
import java.util.Map;

/**
 * A model-governance decision ({@code models.releases}, compacted, keyed by model name): the latest
 * record per model is its current state.
 *
 * @param parentVersion nullable, the version it was fine-tuned from or rolled back from
 * @param location      where the model directory is
 * @param metrics       nullable evaluation metrics by name
 * @param reason        nullable
 */
public record ModelRelease(String id, Instant eventTime, String source, int version,
                           String model, String modelVersion, String parentVersion, ReleaseAction action,
                           String location, Map<String, Double> metrics, String reason, String actor)
        implements Event {

    public ModelRelease {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(model, "model");
        Fields.required(modelVersion, "modelVersion");
        Fields.required(action, "action");
        Fields.required(location, "location");
        metrics = Fields.copy(metrics);
        Fields.required(actor, "actor");
    }
}
