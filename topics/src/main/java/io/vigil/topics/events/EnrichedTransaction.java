package io.vigil.topics.events;

import java.time.Instant;
import java.util.Map;

/**
 * A validated transaction with its model features ({@code transactions.enriched}).
 *
 * @param features   the model's input features by name, computed by the shared feature code
 * @param featureSet name and version of the feature code, e.g. {@code txn-features-v1}
 */
public record EnrichedTransaction(String id, Instant eventTime, String source, int version,
                                  Transaction transaction, Map<String, Double> features, String featureSet)
        implements Event {

    public EnrichedTransaction {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(transaction, "transaction");
        features = Fields.copyRequired(features, "features");
        Fields.required(featureSet, "featureSet");
    }
}
