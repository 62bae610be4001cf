package io.vigil.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.metrics.Metrics;
import io.vigil.models.train.Fitter;
import io.vigil.models.train.TrainConfig;
import io.vigil.models.train.Training;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real DJL/PyTorch, tiny models, seconds. */
class TextClassifierTest {

    @TempDir
    Path dir;

    private final ToyData train = new ToyData(80, 1);
    private final ToyData dev = new ToyData(40, 2);
    private static final TrainConfig TC = new TrainConfig(8, 16, 1e-2f, 0f, 3, 7, true);

    private Training.TextFit fit(String arch, Path work) throws Exception {
        return Training.fitText("toy", ToyData.config(arch), work, train.texts, train.y, dev.texts, dev.y, TC, 200);
    }

    @Test
    void hybridLearnsToySetAndRoundTripsThroughSave() throws Exception {
        Training.TextFit f = fit("hybrid", dir.resolve("a"));
        try (TextClassifier m = f.model()) {
            int[] pred = m.predict(dev.texts).stream().mapToInt(Prediction::labelIndex).toArray();
            assertThat(Metrics.accuracy(dev.y, pred)).isEqualTo(1.0);
            assertThat(f.result().history()).isNotEmpty();

            m.save(dir.resolve("saved"));
            try (TextClassifier back = TextClassifier.load("toy", dir.resolve("saved"))) {
                List<Prediction> a = m.predict(dev.texts);
                List<Prediction> b = back.predict(dev.texts);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.get(i).probabilities()).containsExactly(a.get(i).probabilities());
                }
                assertThat(back.version()).isEqualTo("saved");
            }

            // the planted word carries the decision
            String text = "the bank said zorbing today";
            Explanation e = m.explain(text, 2);
            assertThat(e.label()).isEqualTo("pos");
            assertThat(e.top().get(0).name()).isEqualTo("zorbing");
            assertThat(text.substring(e.top().get(0).start(), e.top().get(0).end())).isEqualTo("zorbing");
            assertThat(e.top().get(0).weight()).isPositive();
        }
    }

    @Test
    void sameSeedGivesSameWeightsAndMetrics() throws Exception {
        Training.TextFit a = fit("hybrid", dir.resolve("r1"));
        Training.TextFit b = fit("hybrid", dir.resolve("r2"));
        try (TextClassifier ma = a.model(); TextClassifier mb = b.model()) {
            assertThat(a.result().history()).extracting(Fitter.Epoch::trainLoss)
                    .containsExactlyElementsOf(b.result().history().stream().map(Fitter.Epoch::trainLoss).toList());
            Map<String, float[]> wa = Fitter.snapshot(ma.djlModel());
            Map<String, float[]> wb = Fitter.snapshot(mb.djlModel());
            assertThat(wb.keySet()).containsExactlyElementsOf(wa.keySet());
            wa.forEach((k, v) -> assertThat(wb.get(k)).as(k).containsExactly(v));
        }
    }

    @Test
    void fineTuningALoadedModelKeepsTraining() throws Exception {
        Training.TextFit f = fit("ngram", dir.resolve("base"));
        f.model().save(dir.resolve("v1"));
        f.model().close();
        try (TextClassifier loaded = TextClassifier.load("toy", dir.resolve("v1"))) {
            // corrections + replay: flip nothing, but the loop must run on a loaded model
            Fitter.Result r = Training.fineTuneText(loaded, train.texts, train.y, dev.texts, dev.y, TC.withMaxEpochs(2));
            assertThat(r.history()).hasSize(2);
            int[] pred = loaded.predict(dev.texts).stream().mapToInt(Prediction::labelIndex).toArray();
            assertThat(Metrics.accuracy(dev.y, pred)).isEqualTo(1.0);
        }
    }
}
