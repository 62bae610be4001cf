package io.vigil.feedback.tuning;

import io.vigil.feedback.TrainingExample;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.train.FraudTraining;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * transaction-fraud's earlier data: the bundled PaySim and Sparkov samples replayed in event-time order through
 * the models module's {@link io.vigil.models.features.FeatureReplay} ({@link FraudTraining#dataset}), i.e. the
 * stream's own feature code, so replayed rows and corrected events have the same features. Holdout: the
 * time-based dev tail (the last 20% of each dataset's time span) the default model was judged on and never
 * trained on, frozen in {@code <stateDir>/holdout/transaction-fraud.tsv} under a header naming the feature spec
 * (a new spec or feature list rebuilds it); replay pool: the earlier rows. Rows are laid out as the default recipe's
 * model reads them ({@link FraudTraining#MODEL_FEATURES}). A correction's input is its review item's feature map,
 * laid out in that order; an event missing a feature is not used.
 */
public final class FraudReplay implements ReplaySource<float[]> {

    public static final String MODEL = FraudTraining.NAME;
    // The features the default recipe's model reads (the spec minus the account-history block), as its champion does.
    private static final List<String> NAMES = FraudTraining.MODEL_FEATURES;
    private static final String HEADER = "label\tfeatures " + TransactionFeaturizer.SPEC.version() + " " + String.join(",", NAMES);

    private final Path dataDir;
    private final Path holdoutFile;
    private LabelledSet<float[]> holdout;
    private LabelledSet<float[]> pool;

    public FraudReplay(Path dataDir, Path stateDir) {
        this.dataDir = dataDir;
        this.holdoutFile = stateDir.resolve("holdout").resolve(MODEL + ".tsv");
    }

    public boolean available() {
        return Files.isRegularFile(dataDir.resolve("fraud/paysim_steps001-090.csv"))
                && Files.isRegularFile(dataDir.resolve("fraud/sparkov_fraudTest_head5116.csv"));
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public List<String> labels() {
        return FraudTraining.LABELS;
    }

    @Override
    public String positiveLabel() {
        return "fraud";
    }

    /** The feature order inputs follow (the champion must have been trained on it). */
    public static List<String> featureNames() {
        return NAMES;
    }

    @Override
    public synchronized LabelledSet<float[]> holdout() {
        load();
        return holdout;
    }

    @Override
    public synchronized LabelledSet<float[]> replayPool() {
        load();
        return pool;
    }

    @Override
    public String describe() {
        return "PaySim steps 1-48 (CC BY-SA 4.0) and Sparkov (CC0) samples replayed through " + TransactionFeaturizer.SPEC.version()
                + ", " + dataDir.resolve("fraud");
    }

    @Override
    public float[] input(TrainingExample e) {
        if (e.features() == null || e.features().isEmpty()) return null;
        float[] x = new float[NAMES.size()];
        for (int i = 0; i < x.length; i++) {
            Double v = e.features().get(NAMES.get(i));
            if (v == null || !Double.isFinite(v)) return null;
            x[i] = v.floatValue();
        }
        return x;
    }

    @Override
    public String key(float[] x) {
        return Arrays.toString(x);
    }

    private void load() {
        if (pool != null) return;
        FraudTraining.Dataset ds;
        try {
            ds = FraudTraining.dataset(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the replay data for " + MODEL, e);
        }
        LabelledSet<float[]> all = new LabelledSet<>(ds.x().stream().map(FraudTraining::modelInput).toList(), ds.y());
        int[] train = IntStream.range(0, ds.y().length).filter(i -> !ds.dev()[i]).toArray();
        int[] dev = IntStream.range(0, ds.y().length).filter(i -> ds.dev()[i]).toArray();
        holdout = FrozenHoldout.load(holdoutFile, HEADER, labels(), FraudReplay::write, FraudReplay::read, () -> all.pick(dev));
        pool = all.pick(train);
    }

    static String write(float[] x) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            if (i > 0) b.append(',');
            b.append(x[i]);
        }
        return b.toString();
    }

    static float[] read(String s) {
        String[] p = s.split(",");
        float[] x = new float[p.length];
        for (int i = 0; i < p.length; i++) x[i] = Float.parseFloat(p[i]);
        return x;
    }

}
