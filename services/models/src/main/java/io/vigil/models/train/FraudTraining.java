package io.vigil.models.train;

import io.vigil.models.features.FeatureReplay;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.features.Txn;
import io.vigil.models.metrics.Metrics;
import io.vigil.models.store.ModelCard;
import io.vigil.models.store.ModelStore;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.tabular.TabularModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * transaction-fraud: both datasets are replayed, each in event-time order, through
 * {@link TransactionFeaturizer} (the stream's own feature code). Account ids: PaySim nameOrig
 * (nearly unique per row, so its history features are mostly empty), Sparkov cc_num (real per-card
 * history). Counterparty: nameDest / merchant. PaySim balance columns are never read (they leak the
 * label). Time-based split per dataset: rows from the event time at the 80% row quantile on are dev. One MLP on both.
 */
public final class FraudTraining {

    public static final String NAME = "transaction-fraud";
    public static final List<String> LABELS = List.of("legit", "fraud");
    static final double DEV_FRACTION = 0.2;
    /**
     * In the bundled PaySim sample, steps 49-90 hold fraud rows only (legit rows were not sampled
     * there), so any time split landing there measures nothing and "late hour = fraud" would be
     * learnt from a sampling artefact. Only steps 1-48 (two full days, both classes) are used.
     */
    static final int PAYSIM_MAX_STEP = 48;
    private static final DateTimeFormatter SPARKOV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private FraudTraining() {}

    /** A labelled transaction with its source dataset. */
    public record Labelled(Txn txn, int label, String source) {}

    /** Features replayed in event-time order; dev = last DEV_FRACTION of each source's time span. */
    public record Dataset(List<float[]> x, int[] y, boolean[] dev, String[] source) {}

    public static TrainConfig defaultTrainConfig() {
        return new TrainConfig(30, 256, 1e-3f, 0f, 5, Training.SEED, true);
    }

    /** PaySim: step is the hour since the simulation start (epoch 0 here), so hour of day = step % 24. */
    public static List<Labelled> readPaySim(Path file) throws IOException {
        Csv csv = Csv.read(file);
        List<Labelled> out = new ArrayList<>(csv.size());
        for (int i = 0; i < csv.size(); i++) {
            long step = Long.parseLong(csv.get(i, "step"));
            out.add(new Labelled(new Txn(csv.get(i, "nameOrig"), csv.get(i, "nameDest"),
                    Double.parseDouble(csv.get(i, "amount")), csv.get(i, "type"), null,
                    step * TransactionFeaturizer.HOUR_MS),
                    (int) Double.parseDouble(csv.get(i, "isFraud")), "paysim"));
        }
        return out;
    }

    /** Sparkov: trans_date_trans_time read as UTC. */
    public static List<Labelled> readSparkov(Path file) throws IOException {
        Csv csv = Csv.read(file);
        List<Labelled> out = new ArrayList<>(csv.size());
        for (int i = 0; i < csv.size(); i++) {
            long t = LocalDateTime.parse(csv.get(i, "trans_date_trans_time"), SPARKOV_TIME)
                    .toInstant(ZoneOffset.UTC).toEpochMilli();
            out.add(new Labelled(new Txn(csv.get(i, "cc_num"), csv.get(i, "merchant"),
                    Double.parseDouble(csv.get(i, "amt")), null, csv.get(i, "category"), t),
                    Integer.parseInt(csv.get(i, "is_fraud").trim()), "sparkov"));
        }
        return out;
    }

    /** Replays one source through the featurizer (stable sort by event time) and marks its dev tail. */
    public static void replay(List<Labelled> rows, List<float[]> x, List<Integer> y, List<Boolean> dev, List<String> src) {
        List<Labelled> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(r -> r.txn().eventTimeMillis()));
        // the first event time at the (1 - DEV_FRACTION) row quantile starts dev: a pure time cut
        long cut = sorted.get((int) (sorted.size() * (1 - DEV_FRACTION))).txn().eventTimeMillis();
        FeatureReplay features = new FeatureReplay();
        for (Labelled r : sorted) {
            x.add(features.next(r.txn()));
            y.add(r.label());
            dev.add(r.txn().eventTimeMillis() >= cut);
            src.add(r.source());
        }
    }

    public static Dataset dataset(Path dataDir) throws IOException {
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<Boolean> dev = new ArrayList<>();
        List<String> src = new ArrayList<>();
        replay(readPaySim(dataDir.resolve("fraud/paysim_steps001-090.csv")).stream()
                .filter(r -> r.txn().eventTimeMillis() <= PAYSIM_MAX_STEP * TransactionFeaturizer.HOUR_MS).toList(),
                x, y, dev, src);
        replay(readSparkov(dataDir.resolve("fraud/sparkov_fraudTest_head5116.csv")), x, y, dev, src);
        boolean[] d = new boolean[dev.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dev.get(i);
        }
        return new Dataset(x, y.stream().mapToInt(i -> i).toArray(), d, src.toArray(String[]::new));
    }

    public static Map<String, Object> train(Path dataDir, ModelStore store) throws IOException {
        return train(dataDir, store, defaultTrainConfig(), new int[] {64, 32});
    }

    public static Map<String, Object> train(Path dataDir, ModelStore store, TrainConfig tc, int[] hidden) throws IOException {
        Dataset ds = dataset(dataDir);
        int[] tr = java.util.stream.IntStream.range(0, ds.y().length).filter(i -> !ds.dev()[i]).toArray();
        int[] dv = java.util.stream.IntStream.range(0, ds.y().length).filter(i -> ds.dev()[i]).toArray();
        List<float[]> trX = Training.pick(ds.x(), tr);
        int[] trY = Training.pick(ds.y(), tr);
        List<float[]> devX = Training.pick(ds.x(), dv);
        int[] devY = Training.pick(ds.y(), dv);
        int d = TransactionFeaturizer.SPEC.size();
        float[] mean = new float[d];
        float[] std = new float[d];
        for (float[] r : trX) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / trX.size();
            }
        }
        for (float[] r : trX) {
            for (int j = 0; j < d; j++) {
                std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / trX.size();
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = std[j] < 1e-12f ? 1f : (float) Math.sqrt(std[j]); // constant features stay 0
        }
        TabularModelConfig cfg = new TabularModelConfig(TabularModelConfig.TYPE, LABELS,
                TransactionFeaturizer.SPEC.version(), TransactionFeaturizer.SPEC.names(), mean, std, hidden, 0.1f);
        io.vigil.models.DjlOffline.ensure();
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) tc.seed()); // seeds the initial weights
        TabularModel model = TabularModel.create(NAME, cfg);
        float[] trNorm = model.normalise(trX);
        Fitter.Result r = Fitter.fit(model.djlModel(), (m, idx) -> {
            float[] b = new float[idx.length * d];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(trNorm, idx[i] * d, b, i * d, d);
            }
            return model.inputs(m, b, idx.length);
        }, trY, 2, tc, mm -> auprc(model, devX, devY));
        float[][] p = model.predict(devX).stream().map(io.vigil.models.Prediction::probabilities).toArray(float[][]::new);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("dev", Metrics.binaryReport(LABELS, 1, devY, p));
        for (String s : List.of("paysim", "sparkov")) {
            int[] sel = java.util.stream.IntStream.range(0, dv.length).filter(i -> ds.source()[dv[i]].equals(s)).toArray();
            metrics.put("dev_" + s, Metrics.binaryReport(LABELS, 1, Training.pick(devY, sel),
                    Arrays.stream(sel).mapToObj(i -> p[i]).toArray(float[][]::new)));
        }
        Path dir = Training.newVersionDir(store, NAME);
        model.save(dir);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("train", tr.length);
        counts.put("trainFrauds", Arrays.stream(trY).sum());
        counts.put("dev", dv.length);
        counts.put("devFrauds", Arrays.stream(devY).sum());
        store.writeCard(Training.card(NAME, dir.getFileName().toString(), null, "default-training",
                List.of(new ModelCard.DataSource("PaySim (Lopez-Rojas et al. 2016), steps 1-90 sample",
                                "data/fraud/paysim_steps001-090.csv", "CC BY-SA 4.0 (attribution, share-alike)", 49517),
                        new ModelCard.DataSource("Sparkov simulated card transactions, fraudTest.csv first 5,116 rows",
                                "data/fraud/sparkov_fraudTest_head5116.csv", "CC0 (Kaggle); generator MIT", 5116)),
                counts, metrics, Training.trainingInfo(tc, r),
                "features " + TransactionFeaturizer.SPEC.version() + " replayed in event-time order per dataset; "
                        + "dev = rows from the 80% event-time quantile on, per dataset; PaySim steps 1-48 only (later "
                        + "steps hold frauds only in this sample); PaySim balance columns never used"));
        model.close();
        Training.log().info("transaction-fraud -> {} dev {}", dir, metrics);
        return metrics;
    }

    static double auprc(TabularModel model, List<float[]> x, int[] y) {
        double[] s = model.predict(x).stream().mapToDouble(p -> p.probabilities()[1]).toArray();
        return Metrics.auprc(y, s);
    }
}
