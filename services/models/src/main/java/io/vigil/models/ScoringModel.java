package io.vigil.models;

import java.util.List;

/**
 * What the inference and feedback services code against: a loaded model version that scores a
 * batch and explains one input. Implementations: {@link io.vigil.models.text.TextClassifier},
 * {@link io.vigil.models.tabular.TabularModel}, {@link io.vigil.models.text.TorchScriptTextModel}.
 * Not thread-safe unless the implementation says so: give each scoring thread its own instance.
 *
 * @param <I> input type: {@code String} for text models, {@code float[]} (in
 *     {@link io.vigil.models.features.FeatureSpec} order) for tabular models
 */
public interface ScoringModel<I> extends AutoCloseable {

    /** Model name, e.g. "news-sentiment". */
    String name();

    /** Version directory name, e.g. "v1". */
    String version();

    /** Class labels in output order. */
    List<String> labels();

    /** Scores a batch; the result has one entry per input, in order. */
    List<Prediction> predict(List<I> inputs);

    /** Attributions towards the predicted label, largest absolute weight first, at most topK. */
    Explanation explain(I input, int topK);

    /** Attributions towards a given label (e.g. always "fraud" for a risk model). */
    Explanation explain(I input, String label, int topK);

    @Override
    void close();
}
