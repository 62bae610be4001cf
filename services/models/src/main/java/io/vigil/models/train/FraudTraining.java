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
    /** Dev must also hold at least this share of each dataset's frauds (see {@link #devCut}): the same share as rows. */
    static final double DEV_FRAUD_FRACTION = DEV_FRACTION;
    /** The high-risk alert rule's default threshold (alerts rules.yaml): operating point reported on dev. */
    public static final double ALERT_THRESHOLD = 0.9;
    /**
     * The account-history block of the spec, which the shipped model does not read. In the training data
     * account history exists only for Sparkov cards (PaySim's nameOrig never repeats), so these features
     * tell the datasets apart rather than the risk: a model reading them learnt "an account with an
     * earlier transaction is safe" and scored the 2nd-4th drains of one account at 0.0003-0.002 against
     * 0.97 for the first. The stream still computes them (same spec); config.json lists what the model reads.
     */
    public static final List<String> ACCOUNT_HISTORY = List.of("txn_count_1h", "log_amount_sum_1h", "txn_count_24h",
            "log_amount_sum_24h", "log_avg_amount", "log_amount_to_avg_ratio", "log_secs_since_last", "has_history",
            "new_counterparty");
    /** The names the model reads, in spec order. */
    public static final List<String> MODEL_FEATURES = TransactionFeaturizer.SPEC.names().stream()
            .filter(n -> !ACCOUNT_HISTORY.contains(n)).toList();
    private static final int[] MODEL_INDICES = TransactionFeaturizer.SPEC.indices(MODEL_FEATURES);

    /** Thresholds reported: argmax, risk-velocity (0.7), inference review (0.8), high-risk alert (0.9). */
    static final List<Double> OPERATING_POINTS = List.of(0.5, 0.7, 0.8, ALERT_THRESHOLD);
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

    /** Features replayed in event-time order; dev = each source's tail from {@link #devCut} on. */
    public record Dataset(List<float[]> x, int[] y, boolean[] dev, String[] source) {}

    public static TrainConfig defaultTrainConfig() {
        return new TrainConfig(30, 256, 1e-3f, 0f, 5, Training.SEED, true);
    }

    /**
     * PaySim: step is the hour since the simulation start (epoch 0 here), so hour of day = step % 24;
     * balanceBefore = oldbalanceOrg (the only balance column read).
     */
    public static List<Labelled> readPaySim(Path file) throws IOException {
        Csv csv = Csv.read(file);
        List<Labelled> out = new ArrayList<>(csv.size());
        for (int i = 0; i < csv.size(); i++) {
            long step = Long.parseLong(csv.get(i, "step"));
            out.add(new Labelled(new Txn(csv.get(i, "nameOrig"), csv.get(i, "nameDest"),
                    Double.parseDouble(csv.get(i, "amount")), csv.get(i, "type"), null,
                    step * TransactionFeaturizer.HOUR_MS, Double.parseDouble(csv.get(i, "oldbalanceOrg"))),
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

    /**
     * Start of a dataset's dev tail (event time; dev = rows at or after it): the earlier of the event
     * time at the (1 - DEV_FRACTION) row quantile and the event time of the fraud at the
     * (1 - DEV_FRAUD_FRACTION) fraud quantile: dev holds at least 20% of the dataset's rows and at least
     * 20% of its frauds. A pure time cut either way (nothing from the future trains); the second rule
     * only moves the cut earlier so a dataset whose frauds cluster early (Sparkov's 18 fall in rows
     * 33%-52% of its 31 hours) still has frauds to measure in dev.
     */
    static long devCut(List<Labelled> sorted) {
        long rowCut = sorted.get((int) (sorted.size() * (1 - DEV_FRACTION))).txn().eventTimeMillis();
        long[] fraudTimes = sorted.stream().filter(r -> r.label() == 1).mapToLong(r -> r.txn().eventTimeMillis()).toArray();
        if (fraudTimes.length == 0 || DEV_FRAUD_FRACTION <= 0) {
            return rowCut;
        }
        return Math.min(rowCut, fraudTimes[(int) (fraudTimes.length * (1 - DEV_FRAUD_FRACTION))]);
    }

    /** Replays one source through the featurizer (stable sort by event time) and marks its dev tail. */
    public static void replay(List<Labelled> rows, List<float[]> x, List<Integer> y, List<Boolean> dev, List<String> src) {
        List<Labelled> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(r -> r.txn().eventTimeMillis()));
        long cut = devCut(sorted);
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
        List<float[]> trX = Training.pick(ds.x(), tr).stream().map(FraudTraining::modelInput).toList();
        int[] trY = Training.pick(ds.y(), tr);
        List<float[]> devX = Training.pick(ds.x(), dv).stream().map(FraudTraining::modelInput).toList();
        int[] devY = Training.pick(ds.y(), dv);
        int d = MODEL_FEATURES.size();
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
                TransactionFeaturizer.SPEC.version(), MODEL_FEATURES, mean, std, hidden, 0.1f);
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
        // Platt scaling on dev: class weighting inflates p(fraud); the stored (a, b) make it a probability again.
        double[] devZ = model.logOdds(devX);
        TabularModelConfig.Calibration cal = TabularModelConfig.Calibration.fitPlatt(devZ, devY,
                "dev split (" + dv.length + " rows, " + Arrays.stream(devY).sum() + " frauds), Platt's smoothed targets");
        TabularModel calibrated = model.withCalibration(cal);
        double[] raw = Arrays.stream(devZ).map(z -> 1 / (1 + Math.exp(-z))).toArray();
        double[] cs = Arrays.stream(devZ).map(cal::apply).toArray();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("dev", report(devY, cs));
        Map<String, Object> calib = new LinkedHashMap<>();
        calib.put("method", cal.method());
        calib.put("a", cal.a());
        calib.put("b", cal.b());
        calib.put("eceFraudUncalibrated", Metrics.round(Metrics.positiveEce(devY, raw, 10)));
        calib.put("eceFraudCalibrated", Metrics.round(Metrics.positiveEce(devY, cs, 10)));
        calib.put("eceFraudCalibratedCrossFitted", Metrics.round(crossFittedEce(devZ, devY)));
        calib.put("eceTopLabelUncalibrated", Metrics.round(Metrics.ece(devY, twoColumn(raw), 10)));
        calib.put("eceTopLabelCalibrated", Metrics.round(Metrics.ece(devY, twoColumn(cs), 10)));
        calib.put("devShareAtOrAboveAlertUncalibrated", Metrics.round(share(raw, ALERT_THRESHOLD)));
        calib.put("devShareAtOrAboveAlertCalibrated", Metrics.round(share(cs, ALERT_THRESHOLD)));
        calib.put("thresholdForDevPrecision90", thresholdForPrecision(devY, cs, 0.9));
        metrics.put("calibration", calib);
        for (String s : List.of("paysim", "sparkov")) {
            int[] sel = java.util.stream.IntStream.range(0, dv.length).filter(i -> ds.source()[dv[i]].equals(s)).toArray();
            metrics.put("dev_" + s, report(Training.pick(devY, sel), Arrays.stream(sel).mapToDouble(i -> cs[i]).toArray()));
        }
        metrics.put("replay", replayShares(dataDir, model, cal));
        Path dir = Training.newVersionDir(store, NAME);
        calibrated.save(dir);
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
                "features " + TransactionFeaturizer.SPEC.version() + " replayed in event-time order per dataset, "
                        + "the account-history block not read (only Sparkov has account history here); "
                        + "dev = per dataset, rows from the earlier of the 80% event-time row quantile and the 80% fraud "
                        + "quantile on; PaySim steps 1-48 only (later steps hold frauds only in this sample); of PaySim's "
                        + "balance columns only oldbalanceOrg (balance before, known at authorisation); Platt scaling "
                        + "fitted on dev, stored in config.json"));
        model.close();
        Training.log().info("transaction-fraud -> {} dev {}", dir, metrics);
        return metrics;
    }

    /**
     * What a replay of the whole bundled files (as {@code vigil replay} sends them, PaySim steps 49-90
     * included) looks like to the alert rules: per file, the fraud base rate and the share of events at
     * or above each operating point, uncalibrated vs calibrated. Includes training rows: a picture of
     * alert volume, not a generalisation metric.
     */
    static Map<String, Object> replayShares(Path dataDir, TabularModel model, TabularModelConfig.Calibration cal) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : List.of("paysim", "sparkov")) {
            List<Labelled> rows = new ArrayList<>(s.equals("paysim") ? readPaySim(dataDir.resolve("fraud/paysim_steps001-090.csv"))
                    : readSparkov(dataDir.resolve("fraud/sparkov_fraudTest_head5116.csv")));
            rows.sort(Comparator.comparingLong(r -> r.txn().eventTimeMillis()));
            FeatureReplay replay = new FeatureReplay();
            List<float[]> x = rows.stream().map(r -> modelInput(replay.next(r.txn()))).toList();
            int[] y = rows.stream().mapToInt(Labelled::label).toArray();
            double[] z = model.logOdds(x);
            double[] raw = Arrays.stream(z).map(v -> 1 / (1 + Math.exp(-v))).toArray();
            double[] cs = Arrays.stream(z).map(cal::apply).toArray();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", y.length);
            m.put("fraudRate", Metrics.round(Arrays.stream(y).sum() / (double) y.length));
            for (double t : OPERATING_POINTS) {
                m.put("shareAtOrAbove" + t + "Uncalibrated", Metrics.round(share(raw, t)));
                m.put("shareAtOrAbove" + t + "Calibrated", Metrics.round(share(cs, t)));
            }
            m.put("calibrated", operatingPoint(y, cs, ALERT_THRESHOLD));
            out.put(s, m);
        }
        return out;
    }

    /** A full spec vector -> what the model reads. */
    public static float[] modelInput(float[] full) {
        return io.vigil.models.features.FeatureSpec.select(full, MODEL_INDICES);
    }

    /** Binary report of calibrated fraud scores, plus the operating point at the alert threshold. */
    static Map<String, Object> report(int[] y, double[] score) {
        Map<String, Object> m = Metrics.binaryReport(LABELS, 1, y, twoColumn(score));
        m.put("eceFraud", Metrics.round(Metrics.positiveEce(y, score, 10)));
        m.put("operatingPoints", OPERATING_POINTS.stream().map(t -> operatingPoint(y, score, t)).toList());
        return m;
    }

    static float[][] twoColumn(double[] p1) {
        return Arrays.stream(p1).mapToObj(p -> new float[] {(float) (1 - p), (float) p}).toArray(float[][]::new);
    }

    /** Confusion, precision, recall and flagged share when score >= threshold is flagged. */
    static Map<String, Object> operatingPoint(int[] y, double[] score, double threshold) {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < y.length; i++) {
            boolean flag = score[i] >= threshold;
            if (flag) {
                tp += y[i];
                fp += 1 - y[i];
            } else {
                fn += y[i];
                tn += 1 - y[i];
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("tp", tp);
        m.put("fp", fp);
        m.put("fn", fn);
        m.put("tn", tn);
        m.put("precision", Metrics.round(tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp)));
        m.put("recall", Metrics.round(tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn)));
        m.put("flaggedShare", Metrics.round(share(score, threshold)));
        return m;
    }

    static double share(double[] score, double threshold) {
        return score.length == 0 ? Double.NaN : Arrays.stream(score).filter(s -> s >= threshold).count() / (double) score.length;
    }

    /** The lowest score threshold at which dev precision is >= target (NaN if none). */
    static double thresholdForPrecision(int[] y, double[] score, double target) {
        Integer[] order = java.util.stream.IntStream.range(0, y.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (i, j) -> Double.compare(score[j], score[i]));
        int tp = 0;
        double best = Double.NaN;
        for (int k = 0; k < order.length; k++) {
            tp += y[order[k]];
            boolean tieNext = k + 1 < order.length && score[order[k + 1]] == score[order[k]];
            if (!tieNext && tp / (double) (k + 1) >= target) {
                best = score[order[k]];
            }
        }
        return Metrics.round(best);
    }

    /**
     * Honest ECE of Platt scaling: fit on the even dev rows, measure on the odd ones and vice versa
     * (the stored calibration is fitted on all of dev, so its in-sample ECE flatters it slightly).
     */
    static double crossFittedEce(double[] z, int[] y) {
        double[] out = new double[z.length];
        for (int fold = 0; fold < 2; fold++) {
            final int f = fold;
            int[] fit = java.util.stream.IntStream.range(0, z.length).filter(i -> i % 2 != f).toArray();
            TabularModelConfig.Calibration c = TabularModelConfig.Calibration.fitPlatt(
                    Arrays.stream(fit).mapToDouble(i -> z[i]).toArray(), Training.pick(y, fit), "fold");
            for (int i = f; i < z.length; i += 2) {
                out[i] = c.apply(z[i]);
            }
        }
        return Metrics.positiveEce(y, out, 10);
    }

    static double auprc(TabularModel model, List<float[]> x, int[] y) {
        double[] s = model.predict(x).stream().mapToDouble(p -> p.probabilities()[1]).toArray();
        return Metrics.auprc(y, s);
    }
}
