package io.vigil.models.features;

import java.util.List;

/** Ordered feature names + a version string; a model records the spec it was trained on. */
public record FeatureSpec(String version, List<String> names) {

    public int size() {
        return names.size();
    }

    /** Positions of {@code subset} in this spec (for a model that reads some of the names). */
    public int[] indices(List<String> subset) {
        return subset.stream().mapToInt(this::index).toArray();
    }

    /** The values of a full vector of this spec at {@code indices}, in that order. */
    public static float[] select(float[] full, int[] indices) {
        float[] out = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = full[indices[i]];
        }
        return out;
    }

    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no feature " + name + " in " + version);
        }
        return i;
    }
}
