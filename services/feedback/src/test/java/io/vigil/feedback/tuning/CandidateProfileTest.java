package io.vigil.feedback.tuning;

import io.vigil.feedback.FeedbackSettings;
import io.vigil.models.DjlOffline;
import io.vigil.models.drift.ReferenceProfile;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import io.vigil.platform.config.VigilConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staged candidate gets its own reference-profile.json: built from the training data when the data folder has it,
 * else the parent's copied under the new version and said so.
 */
class CandidateProfileTest {

    static final Path DATA = Path.of("../../data").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    ModelStore store;
    ModelRegistry registry;
    FeedbackSettings s;

    @BeforeEach
    void setUp() throws IOException {
        DjlOffline.ensure();
        store = new ModelStore(dir.resolve("models"));
        BundledModels.install(store);
        registry = new ModelRegistry(store);
        s = VigilConfig.defaults().bind("feedback", FeedbackSettings.class);
    }

    /** Stages a copy of the parent's weights (no profile) as candidate v9, as the fine-tuner's save does. */
    private Path stageCopyOf(String model, String parent) throws IOException {
        Path staging = registry.staging(model, "v9");
        Files.createDirectories(staging);
        try (Stream<Path> files = Files.list(store.dir(model, parent))) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(ReferenceProfile.FILE)) Files.copy(f, staging.resolve(f.getFileName()));
            }
        }
        return staging;
    }

    @Test
    void builtFromTheTrainingDataWhenItIsThere() throws IOException {
        String parent = store.current("note-risk").orElseThrow();
        Path staging = stageCopyOf("note-risk", parent);
        FineTuner tuner = new FineTuner(registry, Map.of(), s.fineTune(), s.gate(), DATA, null);

        Map<String, Object> card = tuner.writeProfile("note-risk", "v9", parent, staging);

        assertThat(card).containsEntry("source", "built").containsEntry("rows", 500L).doesNotContainKey("why");
        ReferenceProfile p = ReferenceProfile.read(staging).orElseThrow();
        ReferenceProfile shipped = ReferenceProfile.read(store.dir("note-risk", parent)).orElseThrow();
        assertThat(p.model()).isEqualTo("note-risk");
        assertThat(p.version()).isEqualTo("v9");
        assertThat(p.rows()).isEqualTo(500);
        assertThat(p.features().keySet()).isEqualTo(shipped.features().keySet()).contains("text_length", "vocab_coverage", "score");
        // same weights, same data: the same score distribution as the parent's own profile, up to the last bits of
        // a float32 score (the shipped profile was computed on another CPU, whose SIMD kernels round differently)
        var built = p.features().get("score");
        var theirs = shipped.features().get("score");
        assertThat(built.proportions()).isEqualTo(theirs.proportions());
        assertThat(built.edges()).hasSameSizeAs(theirs.edges());
        for (int i = 0; i < built.edges().size(); i++) {
            assertThat(built.edges().get(i)).as("edge %d", i).isCloseTo(theirs.edges().get(i), org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void copiedFromTheParentWhenTheDataIsMissing() throws IOException {
        String parent = store.current("news-sentiment").orElseThrow();
        Path staging = stageCopyOf("news-sentiment", parent);
        Path noData = dir.resolve("no-data");
        FineTuner tuner = new FineTuner(registry, Map.of(), s.fineTune(), s.gate(), noData, null);

        Map<String, Object> card = tuner.writeProfile("news-sentiment", "v9", parent, staging);

        ReferenceProfile shipped = ReferenceProfile.read(store.dir("news-sentiment", parent)).orElseThrow();
        assertThat(card).containsEntry("source", "copied-from-parent").containsEntry("rows", shipped.rows());
        assertThat((String) card.get("why")).contains(noData.toString());
        ReferenceProfile p = ReferenceProfile.read(staging).orElseThrow();
        assertThat(p.version()).isEqualTo("v9");
        assertThat(p.data()).startsWith("copied from " + parent);
        assertThat(p.features()).isEqualTo(shipped.features());
    }

    @Test
    void noneWhenNeitherDataNorAParentProfileExists() throws IOException {
        String parent = store.current("news-sentiment").orElseThrow();
        Files.delete(store.dir("news-sentiment", parent).resolve(ReferenceProfile.FILE));
        Path staging = stageCopyOf("news-sentiment", parent);
        FineTuner tuner = new FineTuner(registry, Map.of(), s.fineTune(), s.gate(), null, null);

        Map<String, Object> card = tuner.writeProfile("news-sentiment", "v9", parent, staging);

        assertThat(card).containsEntry("source", "none");
        assertThat((String) card.get("why")).contains("has no profile either");
        assertThat(ReferenceProfile.read(staging)).isEmpty();
    }
}
