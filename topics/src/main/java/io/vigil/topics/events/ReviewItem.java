package io.vigil.topics.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A scored event selected for analyst review ({@code review.items}).
 *
 * @param eventId       id of the scored event under review
 * @param priority      higher is reviewed first
 * @param probabilities nullable
 * @param text          nullable; de-identified note text or news text, never raw patient text
 * @param features      nullable model features (transactions)
 */
public record ReviewItem(String id, Instant eventTime, String source, int version,
                         Domain domain, String eventId, ReviewReason reason, double priority, String model,
                         String modelVersion, String label, double score, Map<String, Double> probabilities,
                         List<Attribution> explanation, String text, Map<String, Double> features) implements Event {

    public ReviewItem {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(domain, "domain");
        Fields.required(eventId, "eventId");
        Fields.required(reason, "reason");
        Fields.required(model, "model");
        Fields.required(modelVersion, "modelVersion");
        Fields.required(label, "label");
        probabilities = Fields.copy(probabilities);
        explanation = Fields.copyRequired(explanation, "explanation");
        features = Fields.copy(features);
    }
}
