package io.vigil.monitors.drift;

import io.vigil.models.drift.FeatureProfile;
import io.vigil.models.drift.ModelInputs;
import io.vigil.models.drift.ReferenceProfile;

import java.util.LinkedHashMap;
import java.util.Map;

/** Puts one scored event's inputs and score into the bins of its model's reference profile. */
public final class Binning {

    private Binning() {
    }

    public static Map<String, Integer> text(ModelProfile p, String text, double score) {
        Map<String, Integer> out = new LinkedHashMap<>();
        ModelInputs.text(text, p.vocabulary()).forEach((name, v) -> numeric(p, name, v, out));
        numeric(p, ReferenceProfile.SCORE, score, out);
        return out;
    }

    public static Map<String, Integer> tabular(ModelProfile p, Map<String, Double> features, double score) {
        Map<String, Integer> out = new LinkedHashMap<>();
        ModelInputs.tabularNumeric(features).forEach((name, v) -> numeric(p, name, v, out));
        ModelInputs.tabularCategorical(features).forEach((name, v) -> {
            FeatureProfile f = p.reference().features().get(name);
            if (f != null && !f.numeric()) out.put(name, f.category(v));
        });
        numeric(p, ReferenceProfile.SCORE, score, out);
        return out;
    }

    private static void numeric(ModelProfile p, String name, double v, Map<String, Integer> out) {
        FeatureProfile f = p.reference().features().get(name);
        if (f != null && f.numeric()) out.put(name, f.bin(v));
    }
}
