package io.vigil.models.train;

import io.vigil.models.DjlOffline;
import io.vigil.models.metrics.Metrics;
import io.vigil.models.store.ModelCard;
import io.vigil.models.store.ModelStore;
import io.vigil.models.text.FrozenFeatures;
import io.vigil.models.text.MiniLm;
import io.vigil.models.text.NaiveBayesBaseline;
import io.vigil.models.text.TextClassifier;
import io.vigil.models.text.TextModelConfig;
import io.vigil.models.text.TokenizerBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the default models from the project's data folder, reproducibly (fixed seeds), and
 * writes each as a new version into a {@link ModelStore} at outDir. The CLI's
 * {@code vigil train <model>} calls {@link #train(String, Path, Path)}.
 */
public final class Training {

    private static final Logger LOG = LoggerFactory.getLogger(Training.class);
    public static final long SEED = 42;
    static final int MINILM_VOCAB = 30522;
    public static final List<String> MODELS = List.of("news-sentiment", "transaction-fraud", "note-risk");

    private Training() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Training <news-sentiment|transaction-fraud|note-risk|all> [dataDir=data] [outDir=models]");
            System.exit(2);
        }
        Path data = Path.of(args.length > 1 ? args[1] : "data");
        Path out = Path.of(args.length > 2 ? args[2] : "models");
        List<String> names = "all".equals(args[0]) ? MODELS : List.of(args[0]);
        for (String n : names) {
            Map<String, Object> r = train(n, data, out);
            System.out.println(io.vigil.models.Json.MAPPER.writeValueAsString(r));
        }
        io.vigil.models.store.BundledModels.writeIndex(out);
    }

    /** Trains one default model; returns the card's metrics section. */
    public static Map<String, Object> train(String modelName, Path dataDir, Path outDir) throws IOException {
        DjlOffline.ensure();
        ModelStore store = new ModelStore(outDir);
        Map<String, Object> metrics = switch (modelName) {
            case "news-sentiment" -> SentimentTraining.train(dataDir, store);
            case "transaction-fraud" -> FraudTraining.train(dataDir, store);
            case "note-risk" -> NoteRiskTraining.train(dataDir, store);
            default -> throw new IllegalArgumentException("unknown model " + modelName + "; known: " + MODELS);
        };
        // the drift monitor's reference: input and score distributions of the new version on its training data
        String version = store.versions(modelName).getLast();
        io.vigil.models.drift.ReferenceProfiles.build(modelName, version, dataDir, store).write(store.dir(modelName, version));
        return metrics;
    }

    /** Stratified split: per class, a seeded shuffle, the first devFraction go to dev. */
    public static int[][] stratifiedSplit(int[] y, int classes, double devFraction, long seed) {
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> dev = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    idx.add(i);
                }
            }
            java.util.Collections.shuffle(idx, rnd);
            int nDev = (int) Math.round(idx.size() * devFraction);
            dev.addAll(idx.subList(0, nDev));
            train.addAll(idx.subList(nDev, idx.size()));
        }
        java.util.Collections.sort(train);
        java.util.Collections.sort(dev);
        return new int[][] {train.stream().mapToInt(i -> i).toArray(), dev.stream().mapToInt(i -> i).toArray()};
    }

    /** Trains a text classifier on (texts, y) with early stopping on (devTexts, devY) macro-F1. */
    public static TextFit fitText(String name, TextModelConfig cfg, Path workDir, List<String> texts, int[] y,
                                  List<String> devTexts, int[] devY, TrainConfig tc, int vocabCap) throws IOException {
        Path tok = workDir.resolve("tokenizer.json");
        int vocabSize;
        if (cfg.usePretrained()) {
            MiniLm.copyTokenizer(tok); // the encoder's own WordPiece vocabulary
            vocabSize = MINILM_VOCAB;
        } else {
            vocabSize = new TokenizerBuilder().vocabCap(vocabCap).minFrequency(2).write(texts, tok).size();
        }
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) tc.seed()); // seeds the initial weights
        TextClassifier model = TextClassifier.create(name, cfg.withVocabSize(vocabSize), tok);
        return new TextFit(model, continueText(model, texts, y, devTexts, devY, tc, true));
    }

    /**
     * Continues training an existing (e.g. loaded champion) text model; used by the feedback
     * service's fine-tuning. A MiniLM model keeps its encoder (tuned layers included) as it is and
     * trains the head and n-gram branch on the encoder's pooled output, computed once per text: a
     * fine-tune then costs one encoder pass over corrections + replay instead of one per epoch.
     */
    public static Fitter.Result fineTuneText(TextClassifier model, List<String> texts, int[] y,
                                             List<String> devTexts, int[] devY, TrainConfig tc) {
        return continueText(model, texts, y, devTexts, devY, tc, false);
    }

    private static Fitter.Result continueText(TextClassifier model, List<String> texts, int[] y,
                                              List<String> devTexts, int[] devY, TrainConfig tc, boolean tuneEncoder) {
        int k = model.labels().size();
        if (model.config().usePretrained()) {
            long t0 = System.currentTimeMillis();
            boolean whole = !tuneEncoder || model.config().layers() == 0;
            FrozenFeatures train = FrozenFeatures.compute(model, texts, whole);
            FrozenFeatures dev = FrozenFeatures.compute(model, devTexts, whole);
            LOG.info("MiniLM features ({}) for {} + {} texts in {} ms", whole ? "pooled, encoder fixed" : "below the tuned layers",
                    texts.size(), devTexts.size(), System.currentTimeMillis() - t0);
            List<io.vigil.models.text.BertLayerBlock> tuned = ((io.vigil.models.text.TextClassifierBlock) model.djlModel().getBlock()).tunedLayers();
            tuned.forEach(b -> b.freezeParameters(whole));
            try {
                Fitter.BatchSource source = new Fitter.BatchSource() {
                    @Override
                    public ai.djl.ndarray.NDList inputs(ai.djl.ndarray.NDManager m, int[] idx) {
                        return train.inputs(m, idx);
                    }

                    @Override
                    public int length(int index) {
                        return train.length(index);
                    }
                };
                return Fitter.fit(model.djlModel(), source, y, k, tc, mm -> Metrics.macroF1(devY, dev.predicted(), k));
            } finally {
                tuned.forEach(b -> b.freezeParameters(false));
            }
        }
        return Fitter.fit(model.djlModel(),
                (m, idx) -> model.encoder().encode(Arrays.stream(idx).mapToObj(texts::get).toList()).toNDList(m),
                y, k, tc, mm -> Metrics.macroF1(devY, predicted(model, devTexts), k));
    }

    public record TextFit(TextClassifier model, Fitter.Result result) {}

    /**
     * Continues training a tabular model (fresh or a loaded champion) on raw feature rows, early
     * stopping on dev AUPRC of {@code positiveLabel}. For continual learning pass corrections plus
     * a replay sample of earlier labelled rows (fine-tuning on corrections alone forgets).
     */
    public static Fitter.Result fineTuneTabular(io.vigil.models.tabular.TabularModel model, List<float[]> x, int[] y,
                                                List<float[]> devX, int[] devY, String positiveLabel, TrainConfig tc) {
        int d = model.config().featureNames().size();
        int pos = model.labels().indexOf(positiveLabel);
        float[] norm = model.normalise(x);
        int[] devBinary = Arrays.stream(devY).map(v -> v == pos ? 1 : 0).toArray();
        return Fitter.fit(model.djlModel(), (m, idx) -> {
            float[] b = new float[idx.length * d];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(norm, idx[i] * d, b, i * d, d);
            }
            return model.inputs(m, b, idx.length);
        }, y, model.labels().size(), tc, mm -> Metrics.auprc(devBinary,
                model.predict(devX).stream().mapToDouble(p -> p.probabilities()[pos]).toArray()));
    }

    /** A seeded sample (without replacement) of earlier examples to replay during fine-tuning. */
    public static int[] replaySample(int population, int size, long seed) {
        List<Integer> idx = new ArrayList<>(java.util.stream.IntStream.range(0, population).boxed().toList());
        java.util.Collections.shuffle(idx, new Random(seed));
        return idx.subList(0, Math.min(size, population)).stream().mapToInt(i -> i).sorted().toArray();
    }

    static int[] predicted(TextClassifier model, List<String> texts) {
        return model.predict(texts).stream().mapToInt(p -> p.labelIndex()).toArray();
    }

    public static float[][] probs(io.vigil.models.ScoringModel<String> model, List<String> texts) {
        return model.predict(texts).stream().map(p -> p.probabilities()).toArray(float[][]::new);
    }

    static Map<String, Object> trainingInfo(TrainConfig tc, Fitter.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", tc);
        m.put("bestEpoch", r.bestEpoch());
        m.put("epochsRun", r.history().size());
        m.put("millis", r.millis());
        m.put("history", r.history());
        m.put("threads", System.getProperty("ai.djl.pytorch.num_threads"));
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    static ModelCard card(String name, String version, String parent, String trigger,
                          List<ModelCard.DataSource> sources, Map<String, Object> counts,
                          Map<String, Object> metrics, Map<String, Object> training, String notes) {
        return new ModelCard(name, version, parent, Instant.now().toString(), SEED, trigger, sources,
                counts, metrics, training, notes);
    }

    static <T> List<T> pick(List<T> all, int[] idx) {
        return Arrays.stream(idx).mapToObj(all::get).toList();
    }

    static int[] pick(int[] all, int[] idx) {
        return Arrays.stream(idx).map(i -> all[i]).toArray();
    }

    static Path newVersionDir(ModelStore store, String name) throws IOException {
        Path d = store.dir(name, store.nextVersion(name));
        Files.createDirectories(d);
        return d;
    }

    static Logger log() {
        return LOG;
    }
}
