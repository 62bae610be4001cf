package io.vigil.feedback.tuning;

import io.vigil.feedback.TrainingExample;
import java.util.List;

/**
 * A model's earlier labelled data and how its corrections become model inputs: a frozen holdout the gate
 * judges on, and a replay pool mixed into every fine-tune so the model does not forget what it knew.
 *
 * @param <I> the model's input: {@code String} for text models, {@code float[]} (feature order) for tabular ones
 */
public interface ReplaySource<I> {

    String model();

    List<String> labels();

    /** Fixed for the life of the deployment (saved on first use). */
    LabelledSet<I> holdout();

    /** Labelled examples never in the holdout. */
    LabelledSet<I> replayPool();

    /** Where the data came from, for the model card. */
    String describe();

    /** The model input of a corrected event, or null when the event lacks it (no text, a missing feature). */
    I input(TrainingExample e);

    /** An input's identity, to leave replay examples an analyst overturned out of the replay. */
    String key(I input);

    /** The risk label whose AUPRC judges a binary risk model; null for a multi-class model. */
    default String positiveLabel() {
        return null;
    }
}
