package io.vigil.models.rules;

import java.util.List;

/**
 * A model that scores a feature vector: the names, in the order the {@code float[]} input must follow.
 * Implemented by {@link io.vigil.models.tabular.TabularModel} and {@link FraudRules}, so callers lay out
 * features by name without knowing which of the two serves.
 */
public interface FeatureInput {

    List<String> featureNames();
}
