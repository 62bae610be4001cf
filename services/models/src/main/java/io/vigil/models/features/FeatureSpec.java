package io.vigil.models.features;

import java.util.List;

/** Ordered feature names + a version string; a model records the spec it was trained on. */
public record FeatureSpec(String version, List<String> names) {

    public int size() {
        return names.size();
    }

    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no feature " + name + " in " + version);
        }
        return i;
    }
}
