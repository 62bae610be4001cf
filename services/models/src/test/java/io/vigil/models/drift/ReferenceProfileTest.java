package io.vigil.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceProfileTest {

    @Test
    void decileBinsHoldATenthEachAndBinValuesByTheirEdges() {
        ReferenceProfile.Builder b = ReferenceProfile.builder("m", "v1", "test");
        for (int i = 1; i <= 100; i++) b.row().numeric("x", i);
        FeatureProfile x = b.build().features().get("x");
        assertThat(x.edges()).containsExactly(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0);
        assertThat(x.expected()).containsExactly(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, within(1e-12));
        assertThat(x.bin(10)).isZero();
        assertThat(x.bin(10.5)).isEqualTo(1);
        assertThat(x.bin(1e9)).isEqualTo(9);
        assertThat(x.bin(-5)).isZero();
    }

    @Test
    void tiedValuesCollapseEdgesAndCategoriesKeepAnOtherBucket() {
        ReferenceProfile.Builder b = ReferenceProfile.builder("m", "v1", "test");
        for (int i = 0; i < 100; i++) b.row().numeric("flag", i < 90 ? 0 : 1).categorical("type", i % 4 == 0 ? "a" : "b");
        ReferenceProfile p = b.build();
        FeatureProfile flag = p.features().get("flag");
        assertThat(flag.edges()).containsExactly(0.0);
        assertThat(flag.expected()).containsExactly(0.9, 0.1);
        FeatureProfile type = p.features().get("type");
        assertThat(type.orderedCategories()).containsExactly("a", "b", FeatureProfile.OTHER);
        assertThat(type.expected()).containsExactly(0.25, 0.75, 0.0);
        assertThat(type.category("zzz")).isEqualTo(2);
        assertThat(p.rows()).isEqualTo(100);
    }

    @Test
    void writesAndReadsTheVersionFile(@TempDir Path dir) {
        ReferenceProfile.Builder b = ReferenceProfile.builder("m", "v1", "test");
        Random r = new Random(1);
        for (int i = 0; i < 500; i++) b.row().numeric("x", r.nextGaussian()).categorical("c", "k" + r.nextInt(3));
        ReferenceProfile p = b.build();
        p.write(dir);
        assertThat(ReferenceProfile.read(dir)).contains(p);
        assertThat(ReferenceProfile.read(dir.resolve("nope"))).isEmpty();
    }

    @Test
    void textInputsAndTabularInputs() {
        assertThat(ModelInputs.text("Fever, cough: [NAME] ok", Set.of("fever", "name", "ok")))
                .containsEntry(ModelInputs.TEXT_LENGTH, 23.0).containsEntry(ModelInputs.VOCAB_COVERAGE, 0.75);
        assertThat(ModelInputs.coverage("  ...", Set.of())).isEqualTo(1.0);
        Map<String, Double> f = Map.of("log_amount", 3.0, "type_cash_out", 1.0, "type_payment", 0.0, "category_home", 0.0);
        assertThat(ModelInputs.tabularNumeric(f)).containsOnlyKeys("log_amount");
        assertThat(ModelInputs.tabularCategorical(f)).containsEntry("type", "cash_out").containsEntry("category", "none");
    }

    @Test
    void everyBundledModelShipsItsReferenceProfile(@TempDir Path dir) {
        ModelStore store = new ModelStore(dir);
        BundledModels.install(store);
        for (String m : store.models()) {
            ReferenceProfile p = ReferenceProfile.read(store.dir(m, store.current(m).orElseThrow())).orElseThrow();
            assertThat(p.model()).isEqualTo(m);
            assertThat(p.rows()).isGreaterThan(100);
            assertThat(p.features()).containsKey(ReferenceProfile.SCORE);
            p.features().values().forEach(fp -> assertThat(fp.expected()).satisfies(e ->
                    assertThat(java.util.Arrays.stream(e).sum()).isCloseTo(1.0, within(1e-9))));
        }
        assertThat(store.models()).containsExactlyInAnyOrder("news-sentiment", "note-risk", "transaction-fraud");
        assertThat(ReferenceProfile.read(store.dir("note-risk", "v1")).orElseThrow().features())
                .containsKeys(ModelInputs.TEXT_LENGTH, ModelInputs.VOCAB_COVERAGE);
        assertThat(Vocabulary.of(store.dir("note-risk", "v1")).orElseThrow()).contains("patient").doesNotContain("[UNK]");
    }
}
