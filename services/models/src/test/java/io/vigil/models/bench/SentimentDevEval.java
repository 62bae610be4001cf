package io.vigil.models.bench;

import io.vigil.models.metrics.Metrics;
import io.vigil.models.text.TextClassifier;
import io.vigil.models.train.SentimentTraining;
import io.vigil.models.train.Training;
import java.nio.file.Path;

/**
 * Manual check (not a test): dev metrics of a saved news-sentiment version directory, e.g. after a
 * save/load round trip. Args: dataDir versionDir [resaveDir]: with resaveDir, the version is first
 * written again there by the current code (its parameter format) and that copy is measured.
 */
public final class SentimentDevEval {
    public static void main(String[] a) throws Exception {
        SentimentTraining.Split s = SentimentTraining.split(Path.of(a[0]));
        Path dir = Path.of(a[1]);
        if (a.length > 2) {
            // DJL cannot save a loaded block (unknown input names): copy into a freshly created twin
            try (TextClassifier m = TextClassifier.load(SentimentTraining.NAME, dir);
                 TextClassifier twin = TextClassifier.create(m.name(), m.config(), dir.resolve("tokenizer.json"))) {
                io.vigil.models.train.Fitter.restore(twin.djlModel(), io.vigil.models.train.Fitter.snapshot(m.djlModel()));
                twin.save(Path.of(a[2]));
            }
            java.nio.file.Files.copy(dir.resolve("model-card.json"), Path.of(a[2]).resolve("model-card.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            dir = Path.of(a[2]);
        }
        try (TextClassifier m = TextClassifier.load(SentimentTraining.NAME, dir)) {
            System.out.println(Metrics.report(SentimentTraining.LABELS, s.devLabels(), Training.probs(m, s.devTexts())));
        }
    }
}
