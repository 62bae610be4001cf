package io.vigil.models.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.metrics.Metrics;
import io.vigil.models.store.ModelStore;
import io.vigil.models.train.Fitter;
import io.vigil.models.train.TrainConfig;
import io.vigil.models.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MiniLM-based text classifier (top MiniLM layer fine-tuned + n-gram branch) on the toy set:
 * learns, saves only its own parameters (the encoder comes from the Maven artifact), loads through
 * the store by config type, scores in input order, explains with character offsets, and keeps
 * training when loaded (the feedback service's fine-tune path).
 */
class MiniLmClassifierTest {

    @TempDir
    Path dir;

    private final ToyData train = new ToyData(80, 1);
    private final ToyData dev = new ToyData(40, 2);
    private static final TrainConfig TC = new TrainConfig(6, 16, 1e-2f, 0f, 3, 7, true);

    static TextModelConfig config() {
        return new TextModelConfig(TextModelConfig.TYPE, "minilm-ngram", ToyData.LABELS, 32, 0, 384, 12, 1536, 1, 0.1f,
                1024, 8, 2, true, false);
    }

    @Test
    void learnsSavesSmallLoadsThroughTheStoreAndExplains() throws Exception {
        Training.TextFit f = Training.fitText("toy", config(), dir.resolve("work"), train.texts, train.y, dev.texts, dev.y, TC, 0);
        Path v1 = dir.resolve("store").resolve("toy").resolve("v1");
        try (TextClassifier m = f.model()) {
            int[] pred = m.predict(dev.texts).stream().mapToInt(Prediction::labelIndex).toArray();
            assertThat(Metrics.accuracy(dev.y, pred)).isGreaterThanOrEqualTo(0.95);
            // the tuned copy of layer 5 moved away from the pre-trained weights, slowly
            Map<String, float[]> w = Fitter.snapshot(m.djlModel());
            String q = w.keySet().stream().filter(k -> k.contains("minilm5") && k.endsWith("query_weight")).findFirst().orElseThrow();
            float[] pre = MiniLm.shared().layerWeight(5, 0).values();
            double diff = 0;
            for (int i = 0; i < pre.length; i++) diff = Math.max(diff, Math.abs(pre[i] - w.get(q)[i]));
            assertThat(diff).isGreaterThan(0).isLessThan(0.1);
            m.save(v1);
        }
        // one tuned layer (1.8M values, two bytes each) + n-grams + head: the 22M frozen encoder weights are not in the file
        assertThat(Files.size(v1.resolve("model-0000.params"))).isLessThan(4_000_000L);
        try (ScoringModel<?> any = new ModelStore(dir.resolve("store")).load("toy", "v1")) {
            @SuppressWarnings("unchecked")
            ScoringModel<String> m = (ScoringModel<String>) any;
            List<String> texts = List.of("the bank said zorbing today quarter", "market", "the stock blick report said today trading",
                    "shares zorbing");
            List<Prediction> batch = m.predict(texts);
            for (int i = 0; i < texts.size(); i++) {
                // batched by length inside predict, returned in input order
                float[] one = m.predict(List.of(texts.get(i))).get(0).probabilities();
                for (int c = 0; c < one.length; c++) assertThat(batch.get(i).probabilities()[c]).isCloseTo(one[c], within(1e-4f));
            }
            assertThat(batch.get(0).label()).isEqualTo("pos");
            assertThat(batch.get(2).label()).isEqualTo("neg");

            String text = texts.get(0);
            Explanation e = m.explain(text, 2);
            assertThat(e.label()).isEqualTo("pos");
            // WordPiece splits the planted word; the top token is one of its pieces, with its own offsets
            io.vigil.models.Attribution top = e.top().get(0);
            int at = text.indexOf("zorbing");
            assertThat(top.start()).isBetween(at, at + 6);
            assertThat(top.end()).isBetween(at + 1, at + 7);
            assertThat(text.substring(top.start(), top.end())).isEqualTo(top.name().replace("##", ""));
            assertThat(top.weight()).isPositive();
        }
        // the feedback service's path: a loaded model keeps training its head and n-grams on the encoder's pooled
        // output (computed once), the tuned encoder layer stays as it is
        try (TextClassifier loaded = TextClassifier.load("toy", v1)) {
            Map<String, float[]> before = Fitter.snapshot(loaded.djlModel());
            Fitter.Result r = Training.fineTuneText(loaded, train.texts, train.y, dev.texts, dev.y, TC.withMaxEpochs(2));
            assertThat(r.history()).hasSize(2);
            assertThat(r.bestDevMetric()).isGreaterThanOrEqualTo(0.95);
            Map<String, float[]> after = Fitter.snapshot(loaded.djlModel());
            before.forEach((k, v) -> {
                if (k.contains("minilm")) assertThat(after.get(k)).as(k).containsExactly(v);
            });
            assertThat(before.keySet().stream().filter(k -> !k.contains("minilm"))
                    .anyMatch(k -> !java.util.Arrays.equals(before.get(k), after.get(k)))).isTrue();
        }
    }
}
