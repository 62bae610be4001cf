package io.vigil.inference.bench;

import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.labels.NoteRiskRules;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.tabular.TabularModelConfig;
import io.vigil.models.text.TextClassifier;
import io.vigil.models.text.TextModelConfig;
import io.vigil.models.text.TokenizerBuilder;
import io.vigil.models.train.FraudTraining;
import io.vigil.models.train.NoteRiskTraining;
import io.vigil.models.train.SentimentTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Models for the bench: the bundled defaults when this build has them, else untrained models of the
 * default architectures (speed does not depend on the weights). Returns which it used.
 */
final class BenchModels {

    static final String[] WORDS = ("the market shares today report bank said quarter trading stock profit loss growth "
            + "patient noted pain fever chest blood pressure stable discharge follow up clinic review urgent routine "
            + "revenue guidance outlook investors rally slump merger deal rate inflation").split(" ");

    private BenchModels() {}

    static String install(ModelStore store) throws IOException {
        if (!BundledModels.files().isEmpty()) {
            BundledModels.install(store);
            return "bundled";
        }
        Path tok = Files.createTempDirectory("bench-tok").resolve("tokenizer.json");
        List<String> corpus = new ArrayList<>();
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) corpus.add(text(r, 12));
        int vocab = new TokenizerBuilder().vocabCap(8000).minFrequency(1).write(corpus, tok).size();
        save(store, "news-sentiment", SentimentTraining.defaultModelConfig().withVocabSize(vocab), tok);
        save(store, "note-risk", NoteRiskTraining.defaultModelConfig().withVocabSize(vocab), tok);
        int d = TransactionFeaturizer.SPEC.size();
        float[] std = new float[d];
        Arrays.fill(std, 1f);
        TabularModelConfig cfg = new TabularModelConfig(TabularModelConfig.TYPE, FraudTraining.LABELS,
                TransactionFeaturizer.SPEC.version(), TransactionFeaturizer.SPEC.names(), new float[d], std, new int[] {64, 32}, 0.1f);
        try (TabularModel m = TabularModel.create("transaction-fraud", cfg)) {
            m.save(store.dir("transaction-fraud", "v1"));
        }
        return "untrained default architectures (no bundled models in this build; labels " + NoteRiskRules.LABELS + ")";
    }

    private static void save(ModelStore store, String name, TextModelConfig cfg, Path tok) {
        try (TextClassifier m = TextClassifier.create(name, cfg, tok)) {
            m.save(store.dir(name, "v1"));
        }
    }

    static String text(Random r, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        return sb.toString();
    }
}
