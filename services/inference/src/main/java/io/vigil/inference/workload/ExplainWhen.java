package io.vigil.inference.workload;

import io.vigil.models.Prediction;

/** Decides, after prediction and inside the worker that owns the model, whether input i gets explained. */
@FunctionalInterface
public interface ExplainWhen {

    ExplainWhen NEVER = (i, p) -> false;
    ExplainWhen ALWAYS = (i, p) -> true;

    boolean explain(int index, Prediction prediction);
}
