package io.vigil.models.tabular;

import java.util.List;

/**
 * config.json of a tabular risk model: the feature spec it was trained on (names in input order +
 * version), the normalisation (inputs become (x - mean) / std before the MLP) and the MLP shape.
 */
public record TabularModelConfig(String type, List<String> labels, String featureSpecVersion,
                                 List<String> featureNames, float[] mean, float[] std,
                                 int[] hidden, float dropout) {

    public static final String TYPE = "djl-tabular-mlp";
}
