package io.vigil.inference.workload;

import io.vigil.models.ScoringModel;
import io.vigil.models.rules.FeatureInput;
import java.util.List;

/**
 * What a served model takes: text, or a feature vector in {@code featureNames} order. Read from the loaded
 * instance so callers can validate input before it reaches a shared batch.
 */
public record ModelKind(boolean text, List<String> labels, List<String> featureNames) {

    public static ModelKind of(ScoringModel<?> m) {
        if (m instanceof FeatureInput f) return new ModelKind(false, m.labels(), f.featureNames()); // a tabular model or the fraud rules
        return new ModelKind(true, m.labels(), List.of());
    }
}
