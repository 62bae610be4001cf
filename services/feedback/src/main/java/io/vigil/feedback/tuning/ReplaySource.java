package io.vigil.feedback.tuning;

import java.util.List;

/**
 * A model's earlier labelled data: a frozen holdout the gate judges on, and a replay pool that is mixed
 * into every fine-tune so the model does not forget what it knew.
 */
public interface ReplaySource {

    String model();

    List<String> labels();

    /** Fixed for the life of the deployment (saved on first use). */
    LabelledSet holdout();

    /** Labelled examples never in the holdout. */
    LabelledSet replayPool();

    /** Where the data came from, for the model card. */
    String describe();
}
