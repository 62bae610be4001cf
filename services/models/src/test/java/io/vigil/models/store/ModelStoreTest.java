package io.vigil.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.models.Json;
import io.vigil.models.ScoringModel;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.tabular.TabularModelConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    @TempDir
    Path root;

    private void saveVersion(ModelStore store, String v, String parent) {
        TabularModelConfig cfg = new TabularModelConfig(TabularModelConfig.TYPE, List.of("legit", "fraud"), "t-v1",
                List.of("x"), new float[] {0}, new float[] {1}, new int[] {4}, 0f);
        try (TabularModel m = TabularModel.create("risk", cfg)) {
            m.save(store.dir("risk", v));
        }
        store.writeCard(new ModelCard("risk", v, parent, "2026-01-01T00:00:00Z", 42, "test",
                List.of(new ModelCard.DataSource("toy", "none", "MIT", 1)), Map.of("train", 1), Map.of("auprc", 0.5),
                Map.of(), ""));
    }

    @Test
    void versionsCurrentCardsAndLoadByType() {
        ModelStore store = new ModelStore(root);
        assertThat(store.nextVersion("risk")).isEqualTo("v1");
        saveVersion(store, "v1", null);
        saveVersion(store, "v2", "v1");
        saveVersion(store, "v10", "v2");
        assertThat(store.models()).containsExactly("risk");
        assertThat(store.versions("risk")).containsExactly("v1", "v2", "v10");
        assertThat(store.current("risk")).contains("v10");
        assertThat(store.nextVersion("risk")).isEqualTo("v11");
        store.setCurrent("risk", "v2"); // rollback
        assertThat(store.current("risk")).contains("v2");
        assertThat(store.card("risk", "v2").parentVersion()).isEqualTo("v1");
        assertThat(store.card("risk", "v2").metrics()).containsEntry("auprc", 0.5);
        try (ScoringModel<?> m = store.load("risk", "v2")) {
            assertThat(m).isInstanceOf(TabularModel.class);
            assertThat(m.version()).isEqualTo("v2");
        }
        assertThatThrownBy(() -> store.setCurrent("risk", "v9")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Json.read(store.dir("risk", "v1").resolve("config.json"), TabularModelConfig.class).featureNames())
                .containsExactly("x");
    }
}
