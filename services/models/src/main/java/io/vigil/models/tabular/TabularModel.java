package io.vigil.models.tabular;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
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
 * Feature normalisation (mean/std from config) + MLP. Input rows are raw feature vectors in the
 * config's feature order (as produced by {@code TransactionFeaturizer}). Not thread-safe.
 */
public final class TabularModel implements ScoringModel<float[]>, io.vigil.models.rules.FeatureInput {

    public static final String PARAMS_PREFIX = "model";

    private final String name;
    private final String version;
    private final TabularModelConfig cfg;
    private final Model model;

    private TabularModel(String name, String version, TabularModelConfig cfg, Model model) {
        this.name = name;
        this.version = version;
        this.cfg = cfg;
        this.model = model;
    }

    static SequentialBlock block(TabularModelConfig cfg) {
        SequentialBlock b = new SequentialBlock();
        for (int h : cfg.hidden()) {
            b.add(Linear.builder().setUnits(h).build());
            b.add(Activation::relu);
            b.add(Dropout.builder().optRate(cfg.dropout()).build());
        }
        b.add(Linear.builder().setUnits(cfg.labels().size()).build());
        return b;
    }

    public static TabularModel create(String name, TabularModelConfig cfg) {
        DjlOffline.ensure();
        Model model = Model.newInstance(name);
        SequentialBlock b = block(cfg);
        model.setBlock(b);
        b.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        b.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, cfg.featureNames().size()));
        return new TabularModel(name, "unsaved", cfg, model);
    }

    public static TabularModel load(String name, Path dir) {
        DjlOffline.ensure();
        TabularModelConfig cfg = Json.read(dir.resolve("config.json"), TabularModelConfig.class);
        try {
            Model model = Model.newInstance(name);
            model.setBlock(block(cfg));
            model.load(dir, PARAMS_PREFIX);
            return new TabularModel(name, dir.getFileName().toString(), cfg, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("bad parameters in " + dir, e);
        }
    }

    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            model.save(dir, PARAMS_PREFIX);
            Json.write(dir.resolve("config.json"), cfg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Model djlModel() {
        return model;
    }

    public TabularModelConfig config() {
        return cfg;
    }

    /** (x - mean) / std, row-major, as the network sees it. */
    public float[] normalise(List<float[]> rows) {
        int d = cfg.featureNames().size();
        float[] out = new float[rows.size() * d];
        for (int r = 0; r < rows.size(); r++) {
            float[] x = rows.get(r);
            if (x.length != d) {
                throw new IllegalArgumentException("expected " + d + " features " + cfg.featureNames() + ", got " + x.length);
            }
            for (int j = 0; j < d; j++) {
                out[r * d + j] = (x[j] - cfg.mean()[j]) / cfg.std()[j];
            }
        }
        return out;
    }

    public NDList inputs(NDManager m, float[] normalised, int rows) {
        return new NDList(m.create(normalised, new Shape(rows, cfg.featureNames().size())));
    }

    private float[] probabilities(float[] normalised, int rows) {
        float[] logits = logits(normalised, rows);
        TabularModelConfig.Calibration cal = cfg.calibration();
        int c = cfg.labels().size();
        float[] p = new float[logits.length];
        for (int r = 0; r < rows; r++) {
            if (cal != null && c == 2) {
                double p1 = cal.apply(logits[r * 2 + 1] - logits[r * 2]);
                p[r * 2] = (float) (1 - p1);
                p[r * 2 + 1] = (float) p1;
            } else { // softmax
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, logits[r * c + j]);
                }
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += Math.exp(logits[r * c + j] - max);
                }
                for (int j = 0; j < c; j++) {
                    p[r * c + j] = (float) (Math.exp(logits[r * c + j] - max) / sum);
                }
            }
        }
        return p;
    }

    /** The network's raw outputs (row-major, one per label), before softmax or calibration. */
    public float[] logits(float[] normalised, int rows) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            return model.getBlock().forward(new ParameterStore(m, false), inputs(m, normalised, rows), false)
                    .head().toFloatArray();
        }
    }

    /** log-odds of labels[1] vs labels[0] per row (two-label models), uncalibrated: what Platt scaling is fitted on. */
    public double[] logOdds(List<float[]> rows) {
        if (cfg.labels().size() != 2) {
            throw new IllegalStateException("log-odds need a two-label model, not " + cfg.labels());
        }
        if (rows.isEmpty()) {
            return new double[0];
        }
        float[] z = logits(normalise(rows), rows.size());
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = z[r * 2 + 1] - z[r * 2];
        }
        return out;
    }

    /** The same network with another calibration (e.g. one just fitted); shares the parameters. */
    public TabularModel withCalibration(TabularModelConfig.Calibration c) {
        return new TabularModel(name, version, cfg.withCalibration(c), model);
    }

    @Override
    public List<Prediction> predict(List<float[]> inputs) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        float[] p = probabilities(normalise(inputs), inputs.size());
        int c = cfg.labels().size();
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (int r = 0; r < inputs.size(); r++) {
            out.add(Prediction.of(cfg.labels(), java.util.Arrays.copyOfRange(p, r * c, r * c + c)));
        }
        return out;
    }

    /**
     * Occlusion to the mean: feature j's weight is p(label | x) - p(label | x with feature j set
     * to its training mean), i.e. how much its deviation from typical pushed the score.
     */
    @Override
    public Explanation explain(float[] input, int topK) {
        return explain(input, null, topK);
    }

    @Override
    public Explanation explain(float[] input, String labelName, int topK) {
        int d = cfg.featureNames().size();
        List<float[]> rows = new ArrayList<>(d + 1);
        rows.add(input);
        for (int j = 0; j < d; j++) {
            float[] x = input.clone();
            x[j] = cfg.mean()[j];
            rows.add(x);
        }
        float[] p = probabilities(normalise(rows), rows.size());
        int c = cfg.labels().size();
        Prediction base = Prediction.of(cfg.labels(), java.util.Arrays.copyOf(p, c));
        int label = labelName == null ? base.labelIndex() : cfg.labels().indexOf(labelName);
        if (label < 0) {
            throw new IllegalArgumentException("unknown label " + labelName);
        }
        List<Attribution> atts = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            atts.add(new Attribution(cfg.featureNames().get(j), -1, -1, input[j], p[label] - p[(j + 1) * c + label]));
        }
        atts.sort(Comparator.comparingDouble((Attribution a) -> -Math.abs(a.weight())));
        return new Explanation(cfg.labels().get(label), "occlusion-to-mean", List.copyOf(atts.subList(0, Math.min(topK, d))));
    }

    @Override
    public List<String> featureNames() {
        return cfg.featureNames();
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

    @Override
    public void close() {
        model.close();
    }
}
