package io.vigil.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.store.ModelStore;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads a TorchScript model exported by Debian's python3-torch 1.13 (see TorchScriptFixture and
 * export.py in the fixture folder) through the same interface and store as trained models.
 */
class TorchScriptTextModelTest {

    @TempDir
    Path root;

    @Test
    void exportedModelScoresAndExplainsThroughTheStore() throws Exception {
        Path fixture = fixture();
        Path v1 = root.resolve("byo-sentiment").resolve("v1");
        Files.createDirectories(v1);
        for (String f : List.of("model.pt", "tokenizer.json", "config.json")) {
            Files.copy(fixture.resolve(f), v1.resolve(f));
        }
        try (ScoringModel<?> any = new ModelStore(root).load("byo-sentiment", "v1")) {
            assertThat(any).isInstanceOf(TorchScriptTextModel.class);
            @SuppressWarnings("unchecked")
            ScoringModel<String> m = (ScoringModel<String>) any;
            List<Prediction> p = m.predict(List.of("good results today", "bad news", "the market"));
            assertThat(p.get(0).label()).isEqualTo("pos");
            assertThat(p.get(1).label()).isEqualTo("neg");
            // no planted word: both logits 0 -> 0.5 / 0.5
            assertThat(p.get(2).probabilities()[0]).isEqualTo(0.5f);
            String text = "the market had good results";
            Explanation e = m.explain(text, 1);
            assertThat(e.label()).isEqualTo("pos");
            assertThat(text.substring(e.top().get(0).start(), e.top().get(0).end())).isEqualTo("good");
        }
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(TorchScriptTextModelTest.class.getResource("/torchscript-tiny/config.json").toURI()).getParent();
    }
}
