package io.vigil.models;

import io.vigil.models.tabular.TabularModel;
import io.vigil.models.tabular.TabularModelConfig;
import java.util.List;

/** Run in a fresh JVM by {@link DjlOfflineTest}: uses the library through a public entry point only. */
public final class DjlOfflineProbe {
    public static void main(String[] args) {
        TabularModelConfig cfg = new TabularModelConfig(TabularModelConfig.TYPE, List.of("a", "b"), "v",
                List.of("x"), new float[] {0}, new float[] {1}, new int[] {2}, 0f);
        try (TabularModel m = TabularModel.create("probe", cfg)) {
            System.out.println("probe: predicted " + m.predict(List.of(new float[] {1f})).get(0).label());
        }
        System.out.println("probe: offline=" + ai.djl.util.Utils.isOfflineMode()
                + " OPT_OUT_TRACKING=" + ai.djl.util.Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING"));
    }
}
