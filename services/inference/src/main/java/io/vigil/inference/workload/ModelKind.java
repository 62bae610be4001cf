package io.vigil.inference.workload;

import io.vigil.models.ScoringModel;
import io.vigil.models.rules.FeatureInput;
import io.vigil.models.tabular.TabularModel;
import java.util.List;

/**
 * What a served model takes: text, or a feature vector in {@code featureNames} order computed by the feature code
 * version {@code featureSet} (null for text). Read from the loaded instance so callers can validate input before it
 * reaches a shared batch.
 */
public record ModelKind(boolean text, List<String> labels, List<String> featureNames, String featureSet) {

    public ModelKind(boolean text, List<String> labels, List<String> featureNames) {
        this(text, labels, featureNames, null);
    }

    public static ModelKind of(ScoringModel<?> m) {
        if (m instanceof TabularModel t) return new ModelKind(false, m.labels(), t.config().featureNames(), t.config().featureSpecVersion());
        // the fraud rules: features laid out by name from the stream's current spec, so no version pin
        if (m instanceof FeatureInput f) return new ModelKind(false, m.labels(), f.featureNames(), null);
        return new ModelKind(true, m.labels(), List.of(), null);
    }
}
