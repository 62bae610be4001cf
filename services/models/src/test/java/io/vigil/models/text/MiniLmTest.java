package io.vigil.models.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MiniLM forward pass in DJL reproduces the published sentence-transformers behaviour of
 * all-MiniLM-L6-v2: mean-pooled, normalised embeddings of the three sentences in the
 * sentence-transformers README have cosine similarities 0.6660 / 0.1046 / 0.1411. A wrong weight
 * mapping (e.g. an un-transposed matrix) or a missing LayerNorm moves them far off.
 */
class MiniLmTest {

    @TempDir
    Path dir;

    @Test
    void weightsFromTheOnnxArtifactGiveThePublishedSimilarities() throws Exception {
        Path tok = dir.resolve("tokenizer.json");
        MiniLm.copyTokenizer(tok);
        TextModelConfig cfg = new TextModelConfig(TextModelConfig.TYPE, "minilm", List.of("a", "b"), 128, 30522,
                384, 12, 1536, 0, 0f, 2, 1, 1, false, false);
        List<String> s = List.of("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.");
        try (TextEncoder enc = new TextEncoder(tok, cfg); NDManager m = NDManager.newBaseManager()) {
            NDList in = enc.encode(s).toNDList(m);
            NDArray e = MiniLm.meanPool(MiniLm.shared().forward(in.get(0), in.get(1), MiniLm.LAYERS), in.get(1));
            e = e.div(e.norm(new int[] {1}, true));
            float[] sim = e.matMul(e.transpose()).toFloatArray();
            assertThat(sim[0]).isCloseTo(1f, within(1e-4f));
            assertThat(sim[1]).isCloseTo(0.6660f, within(2e-3f));
            assertThat(sim[2]).isCloseTo(0.1046f, within(2e-3f));
            assertThat(sim[5]).isCloseTo(0.1411f, within(2e-3f));
        }
    }
}
