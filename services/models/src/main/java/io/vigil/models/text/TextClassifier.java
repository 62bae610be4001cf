package io.vigil.models.text;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import io.vigil.models.Attribution;
import io.vigil.models.DjlOffline;
import io.vigil.models.Explanation;
import io.vigil.models.Json;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A text classifier trained in Java (see {@link TextClassifierBlock}). Directory layout:
 * {@code model-0000.params}, {@code tokenizer.json}, {@code config.json}. Not thread-safe.
 */
public final class TextClassifier implements ScoringModel<String> {

    public static final String PARAMS_PREFIX = "model";
    private static final int BATCH = 64;

    private final String name;
    private final String version;
    private final TextModelConfig cfg;
    private final Model model;
    private final TextEncoder encoder;
    private final Path tokenizerJson;

    private TextClassifier(String name, String version, TextModelConfig cfg, Model model,
                           TextEncoder encoder, Path tokenizerJson) {
        this.name = name;
        this.version = version;
        this.cfg = cfg;
        this.model = model;
        this.encoder = encoder;
        this.tokenizerJson = tokenizerJson;
    }

    /** A freshly initialised model; the tokenizer's vocabulary size is read from config. */
    public static TextClassifier create(String name, TextModelConfig cfg, Path tokenizerJson) {
        DjlOffline.ensure();
        try {
            if (cfg.usePretrained()) {
                MiniLm.shared(); // fail early, with the reason, when the encoder's artifact is missing
            }
            Model model = Model.newInstance(name);
            TextClassifierBlock block = new TextClassifierBlock(cfg);
            model.setBlock(block);
            block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            block.initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, 8), new Shape(1, 8), new Shape(1, 16), new Shape(1, 16));
            return new TextClassifier(name, "unsaved", cfg, model, new TextEncoder(tokenizerJson, cfg), tokenizerJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a model version directory written by {@link #save(Path)}. */
    public static TextClassifier load(String name, Path dir) {
        DjlOffline.ensure();
        TextModelConfig cfg = Json.read(dir.resolve("config.json"), TextModelConfig.class);
        try {
            Model model = Model.newInstance(name);
            model.setBlock(new TextClassifierBlock(cfg));
            model.load(dir, PARAMS_PREFIX);
            return new TextClassifier(name, dir.getFileName().toString(), cfg, model,
                    new TextEncoder(dir.resolve("tokenizer.json"), cfg), dir.resolve("tokenizer.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("bad parameters in " + dir, e);
        }
    }

    /** Writes parameters, tokenizer.json and config.json into dir (created if missing). */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            model.save(dir, PARAMS_PREFIX);
            Path tok = dir.resolve("tokenizer.json");
            if (!Files.exists(tok) || !Files.isSameFile(tok, tokenizerJson)) {
                Files.copy(tokenizerJson, tok, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Json.write(dir.resolve("config.json"), cfg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Model djlModel() {
        return model;
    }

    public TextEncoder encoder() {
        return encoder;
    }

    public TextModelConfig config() {
        return cfg;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> labels() {
        return cfg.labels();
    }

    /** Class probabilities for one encoded batch, row-major (B x classes). */
    public float[] probabilities(EncodedBatch batch) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList out = model.getBlock().forward(new ParameterStore(m, false), batch.toNDList(m), false);
            NDArray p = out.head().softmax(1);
            return p.toFloatArray();
        }
    }

    @Override
    public List<Prediction> predict(List<String> inputs) {
        if (cfg.usePretrained()) {
            return predictSorted(inputs);
        }
        List<Prediction> out = new ArrayList<>(inputs.size());
        int c = cfg.labels().size();
        for (int from = 0; from < inputs.size(); from += BATCH) {
            List<String> chunk = inputs.subList(from, Math.min(inputs.size(), from + BATCH));
            float[] p = probabilities(encoder.encode(chunk));
            for (int r = 0; r < chunk.size(); r++) {
                float[] row = new float[c];
                System.arraycopy(p, r * c, row, 0, c);
                out.add(Prediction.of(cfg.labels(), row));
            }
        }
        return out;
    }

    /**
     * MiniLM costs grow with the padded length: texts are batched by token length (then put back in
     * input order), which halves the work on tweets of 5 to 80 tokens.
     */
    private List<Prediction> predictSorted(List<String> inputs) {
        Encoding[] enc = encoder.tokenize(inputs);
        Integer[] order = java.util.stream.IntStream.range(0, inputs.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> enc[i].getIds().length));
        Prediction[] out = new Prediction[inputs.size()];
        int c = cfg.labels().size();
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            Encoding[] chunk = new Encoding[to - from];
            for (int i = from; i < to; i++) {
                chunk[i - from] = enc[order[i]];
            }
            float[] p = probabilities(encoder.encode(chunk));
            for (int r = 0; r < chunk.length; r++) {
                float[] row = new float[c];
                System.arraycopy(p, r * c, row, 0, c);
                out[order[from + r]] = Prediction.of(cfg.labels(), row);
            }
        }
        return java.util.Arrays.asList(out);
    }

    /**
     * Occlusion: each content token is removed (masked out of the transformer and every n-gram
     * covering it is dropped); its weight is the drop in the predicted label's probability.
     * Offsets are character positions in the original text.
     */
    @Override
    public Explanation explain(String input, int topK) {
        return explain(input, null, topK);
    }

    @Override
    public Explanation explain(String input, String labelName, int topK) {
        Encoding e = encoder.tokenize(List.of(input))[0];
        int[] pos = java.util.Arrays.stream(TextEncoder.contentPositions(e))
                .filter(p -> p < encoder.maxLength()).toArray();
        float[] p = probabilities(encoder.encodeOcclusions(e, pos));
        int c = cfg.labels().size();
        float[] base = java.util.Arrays.copyOf(p, c);
        int label = labelName == null ? Prediction.of(cfg.labels(), base).labelIndex() : cfg.labels().indexOf(labelName);
        if (label < 0) {
            throw new IllegalArgumentException("unknown label " + labelName);
        }
        CharSpan[] spans = e.getCharTokenSpans();
        String[] toks = e.getTokens();
        List<Attribution> atts = new ArrayList<>(pos.length);
        for (int j = 0; j < pos.length; j++) {
            int i = pos[j];
            double w = base[label] - p[(j + 1) * c + label];
            CharSpan s = spans[i];
            atts.add(new Attribution(toks[i], s.getStart(), s.getEnd(), Double.NaN, w));
        }
        atts.sort(Comparator.comparingDouble((Attribution a) -> -Math.abs(a.weight())));
        return new Explanation(cfg.labels().get(label), "occlusion",
                List.copyOf(atts.subList(0, Math.min(topK, atts.size()))));
    }

    @Override
    public void close() {
        encoder.close();
        model.close();
    }
}
