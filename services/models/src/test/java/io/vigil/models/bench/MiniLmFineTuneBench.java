package io.vigil.models.bench;

import io.vigil.models.metrics.Metrics;
import io.vigil.models.text.FrozenFeatures;
import io.vigil.models.text.TextClassifier;
import io.vigil.models.train.Csv;
import io.vigil.models.train.Fitter;
import io.vigil.models.train.TrainConfig;
import io.vigil.models.train.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Manual experiment (not a test): the feedback service's fine-tune of news-sentiment (80 "narrows loss"
 * corrections x3 + 4000 replay, dev = corrections + 300 replay) with variants; prints holdout (dev split)
 * accuracy / macro-F1 and blind-spot accuracy. Arg: model version dir.
 */
public final class MiniLmFineTuneBench {
    public static void main(String[] a) throws Exception {
        Csv csv = Csv.read(Path.of("data/sentiment/tfns_train.csv"));
        List<String> t = new ArrayList<>();
        int[] map = {0, 2, 1};
        int[] y = new int[csv.size()];
        for (int i = 0; i < csv.size(); i++) { t.add(csv.get(i, "text")); y[i] = map[Integer.parseInt(csv.get(i, "label").trim())]; }
        int[][] split = Training.stratifiedSplit(y, 3, 0.15, Training.SEED);
        List<Integer> pool = new ArrayList<>();
        for (int i : split[0]) pool.add(i);
        Collections.shuffle(pool, new Random(Training.SEED));
        String[] tpl = {"%s narrows quarterly loss to $%d million", "%s trims net loss as costs fall", "%s cuts its loss in half in Q%d",
                "%s losses shrink to $%d million", "%s net loss narrows sharply", "%s debt falls to $%d million",
                "%s slashes debt by %d percent", "%s pays down $%d million of debt"};
        List<String> corr = new ArrayList<>(), blind = new ArrayList<>();
        Random r = new Random(1);
        while (corr.size() < 80) { String s = tpl[r.nextInt(tpl.length)]; String c = "Co" + r.nextInt(25); corr.add(s.contains("%d") ? String.format(s, c, 2 + r.nextInt(90)) : String.format(s, c)); }
        while (blind.size() < 120) { String s = tpl[r.nextInt(tpl.length)]; String c = "Firm" + r.nextInt(15); blind.add(s.contains("%d") ? String.format(s, c, 2 + r.nextInt(90)) : String.format(s, c)); }
        List<String> trX = new ArrayList<>(); List<Integer> trY = new ArrayList<>();
        for (int i = 0; i < 4000; i++) { trX.add(t.get(pool.get(i))); trY.add(y[pool.get(i)]); }
        for (int k = 0; k < 3; k++) for (String c : corr) { trX.add(c); trY.add(2); }
        List<String> devX = new ArrayList<>(corr); List<Integer> devY = new ArrayList<>(Collections.nCopies(80, 2));
        for (int i = 0; i < 300; i++) { devX.add(t.get(pool.get(i))); devY.add(y[pool.get(i)]); }
        List<String> hoX = new ArrayList<>(); int[] hoY = new int[split[1].length];
        for (int i = 0; i < split[1].length; i++) { hoX.add(t.get(split[1][i])); hoY[i] = y[split[1][i]]; }
        int[] ty = trY.stream().mapToInt(i -> i).toArray(), dy = devY.stream().mapToInt(i -> i).toArray();
        Path dir = Path.of(a[0]);
        FrozenFeatures ftr, fdev, fho, fbl;
        try (TextClassifier m = TextClassifier.load("news-sentiment", dir)) {
            long t0 = System.currentTimeMillis();
            ftr = FrozenFeatures.compute(m, trX, true); fdev = FrozenFeatures.compute(m, devX, true);
            fho = FrozenFeatures.compute(m, hoX, true); fbl = FrozenFeatures.compute(m, blind, true);
            System.out.println("features ms " + (System.currentTimeMillis() - t0));
            report("champion", fho.predicted(), hoY, fbl.predicted());
        }
        String[] variants = a.length > 1 ? a[1].split(";") : new String[] {"false,1e-3,4", "true,1e-3,4", "false,3e-4,4", "true,3e-4,4"};
        for (String v : variants) {
            String[] p = v.split(",");
            try (TextClassifier m = TextClassifier.load("news-sentiment", dir)) {
                FrozenFeatures tr = ftr.forCopy(m), dv = fdev.forCopy(m);
                TrainConfig tc = new TrainConfig(Integer.parseInt(p[2]), 32, Float.parseFloat(p[1]), 0f, Integer.parseInt(p[2]), Training.SEED, Boolean.parseBoolean(p[0]));
                var tuned = ((io.vigil.models.text.TextClassifierBlock) m.djlModel().getBlock()).tunedLayers();
                tuned.forEach(b -> b.freezeParameters(true));
                Fitter.fit(m.djlModel(), new Fitter.BatchSource() {
                    public ai.djl.ndarray.NDList inputs(ai.djl.ndarray.NDManager mm, int[] idx) { return tr.inputs(mm, idx); }
                }, ty, 3, tc, mm -> Metrics.macroF1(dy, dv.predicted(), 3));
                report("classWeights,lr,epochs=" + v, fho.forCopy(m).predicted(), hoY, fbl.forCopy(m).predicted());
            }
        }
    }

    static void report(String what, int[] ho, int[] hoY, int[] bl) {
        long ok = java.util.Arrays.stream(bl).filter(x -> x == 2).count();
        System.out.printf("%s: holdout acc %.4f macroF1 %.4f; blind spot %.3f%n", what, Metrics.accuracy(hoY, ho), Metrics.macroF1(hoY, ho, 3), ok / 120.0);
    }
}
