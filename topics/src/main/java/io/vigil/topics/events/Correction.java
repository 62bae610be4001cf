package io.vigil.topics.events;

import java.time.Instant;
import java.util.Map;

/**
 * An analyst's correction of a scored event ({@code feedback.corrections}): training data.
 *
 * @param comment      nullable
 * @param reviewItemId nullable, the review item it answers
 * @param groups       nullable fairness groups of the corrected event
 */
public record Correction(String id, Instant eventTime, String source, int version,
                         Domain domain, String eventId, String model, String modelVersion, String originalLabel,
                         String correctedLabel, String analyst, String comment, String reviewItemId,
                         Map<String, String> groups) implements Event {

    public Correction {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(domain, "domain");
        Fields.required(eventId, "eventId");
        Fields.required(model, "model");
        Fields.required(modelVersion, "modelVersion");
        Fields.required(originalLabel, "originalLabel");
        Fields.required(correctedLabel, "correctedLabel");
        Fields.required(analyst, "analyst");
        groups = Fields.copy(groups);
    }
}
