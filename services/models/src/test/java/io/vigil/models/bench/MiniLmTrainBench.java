package io.vigil.models.bench;

import io.vigil.models.store.ModelStore;
import io.vigil.models.text.TextModelConfig;
import io.vigil.models.train.SentimentTraining;
import io.vigil.models.train.TrainConfig;
import io.vigil.models.train.Training;
import java.nio.file.Path;

/** Manual experiment (not a test): arch(minilm|minilm-ngram) tunedLayers lr epochs ngramDim dropout maxLength batch [lengthBuckets patience warmupDecay splitSeed]. */
public final class MiniLmTrainBench {
    public static void main(String[] a) throws Exception {
        TextModelConfig mc = new TextModelConfig(TextModelConfig.TYPE, a[0], SentimentTraining.LABELS,
                Integer.parseInt(a[6]), 30522, 384, 12, 1536, Integer.parseInt(a[1]), Float.parseFloat(a[5]),
                32768, Integer.parseInt(a[4]), 2, true, false);
        TrainConfig tc = new TrainConfig(Integer.parseInt(a[3]), Integer.parseInt(a[7]), Float.parseFloat(a[2]), 0f,
                a.length > 9 ? Integer.parseInt(a[9]) : 2, Training.SEED, true, a.length > 8 && Boolean.parseBoolean(a[8]),
                a.length > 10 && Boolean.parseBoolean(a[10]));
        System.out.println(SentimentTraining.train(Path.of("data"), new ModelStore(Path.of("/tmp/minilm/store-" + System.nanoTime())), mc, tc, 0,
                a.length > 11 ? Long.parseLong(a[11]) : Training.SEED));
    }
}
