package io.vigil.inference;

import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.store.ModelStore;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.tabular.TabularModelConfig;
import io.vigil.models.text.TextClassifier;
import io.vigil.models.text.TextModelConfig;
import io.vigil.models.train.TrainConfig;
import io.vigil.models.train.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Tiny models trained in the test with the models module's own APIs (the bundled defaults are not on
 * this branch yet): a planted word decides the class, a few epochs suffice.
 */
public final class TinyModels {

    public static final String NEWS = "news-sentiment";
    public static final String FRAUD = "transaction-fraud";
    public static final String NOTES = "note-risk";
    static final List<String> SENTIMENT = List.of("negative", "neutral", "positive");
    static final List<String> URGENCY = List.of("routine", "elevated", "urgent");
    private static final String[] FILLER = {"the", "market", "shares", "today", "report", "patient", "said", "quarter", "noted", "stock"};
    private static final String[] PLANTED = {"plunge", "steady", "soar"};

    private TinyModels() {}

    /** Writes all three models as version {@code version} into the store. */
    public static void installAll(ModelStore store, String version, long seed) {
        text(store, NEWS, version, SENTIMENT, seed);
        text(store, NOTES, version, URGENCY, seed);
        tabular(store, version, seed);
    }

    public static void text(ModelStore store, String name, String version, List<String> labels, long seed) {
        text(store, name, version, labels, seed, new TextModelConfig(TextModelConfig.TYPE, "hybrid", labels, 16, 0, 16, 2, 32, 1,
                0.1f, 1024, 8, 2, true, false));
    }

    /**
     * The default news-sentiment architecture (pre-trained MiniLM from its Maven artifact plus n-grams; here only
     * the top layer is tuned, the shipped model tunes all six), trained for a few epochs on the planted-word set.
     */
    public static void minilmText(ModelStore store, String name, String version, List<String> labels, long seed) {
        text(store, name, version, labels, seed, new TextModelConfig(TextModelConfig.TYPE, "minilm-ngram", labels, 32, 0,
                384, 12, 1536, 1, 0.1f, 1024, 8, 2, true, false));
    }

    private static void text(ModelStore store, String name, String version, List<String> labels, long seed, TextModelConfig cfg) {
        try {
            Path work = Files.createTempDirectory("tiny-" + name);
            List<String> texts = new ArrayList<>();
            int n = 90;
            int[] y = new int[n];
            Random r = new Random(seed);
            for (int i = 0; i < n; i++) {
                y[i] = i % 3;
                List<String> w = new ArrayList<>();
                for (int k = 0; k < 5; k++) w.add(FILLER[r.nextInt(FILLER.length)]);
                w.add(r.nextInt(w.size() + 1), PLANTED[y[i]]);
                texts.add(String.join(" ", w));
            }
            TrainConfig tc = new TrainConfig(3, 16, 1e-2f, 0f, 3, seed, false);
            Training.TextFit fit = Training.fitText(name, cfg, work, texts, y, texts.subList(0, 30),
                    Arrays.copyOf(y, 30), tc, 200);
            try (TextClassifier m = fit.model()) {
                m.save(store.dir(name, version));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void tabular(ModelStore store, String version, long seed) {
        int d = TransactionFeaturizer.SPEC.size();
        float[] mean = new float[d];
        float[] std = new float[d];
        Arrays.fill(std, 1f);
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        TabularModelConfig cfg = new TabularModelConfig(TabularModelConfig.TYPE, List.of("legit", "fraud"),
                TransactionFeaturizer.SPEC.version(), TransactionFeaturizer.SPEC.names(), mean, std, new int[] {8}, 0f);
        try (TabularModel m = TabularModel.create(FRAUD, cfg)) {
            m.save(store.dir(FRAUD, version));
        }
    }
}
