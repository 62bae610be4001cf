package io.vigil.inference.workload;

import io.vigil.models.Explanation;
import io.vigil.models.Prediction;

/**
 * One input's result: the prediction, its explanation (null when the policy skipped it), the version that
 * scored it, and the latency from submission to the end of its batch.
 */
public record Scored(Prediction prediction, Explanation explanation, String model, String version, double latencyMs) {}
