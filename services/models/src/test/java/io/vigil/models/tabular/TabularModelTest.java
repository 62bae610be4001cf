package io.vigil.models.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import io.vigil.models.DjlOffline;
import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.metrics.Metrics;
import io.vigil.models.train.Fitter;
import io.vigil.models.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularModelTest {

    @TempDir
    Path dir;

    /** Feature "signal" (index 2) alone decides the class; the other four are noise. */
    private static List<float[]> rows(int n, long seed, int[] y) {
        Random r = new Random(seed);
        List<float[]> x = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            float[] v = new float[5];
            for (int j = 0; j < 5; j++) {
                v[j] = (float) (r.nextGaussian() * 3 + 10);
            }
            v[2] = y[i] == 1 ? 100 + r.nextFloat() : 50 + r.nextFloat();
            x.add(v);
        }
        return x;
    }

    private TabularModel trained(long seed) {
        DjlOffline.ensure();
        int[] y = new int[200];
        List<float[]> x = rows(200, 3, y);
        TabularModelConfig cfg = new TabularModelConfig(TabularModelConfig.TYPE, List.of("legit", "fraud"), "test-v1",
                List.of("a", "b", "signal", "c", "d"), new float[] {10, 10, 75, 10, 10}, new float[] {3, 3, 25, 3, 3},
                new int[] {16}, 0f);
        Engine.getInstance().setRandomSeed((int) seed);
        TabularModel m = TabularModel.create("toy", cfg);
        float[] norm = m.normalise(x);
        Fitter.fit(m.djlModel(), (mgr, idx) -> {
            float[] b = new float[idx.length * 5];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(norm, idx[i] * 5, b, i * 5, 5);
            }
            return m.inputs(mgr, b, idx.length);
        }, y, 2, new TrainConfig(10, 32, 1e-2f, 0f, 3, seed, true), mm -> {
            double[] s = m.predict(x).stream().mapToDouble(p -> p.probability("fraud")).toArray();
            return Metrics.auprc(y, s);
        });
        return m;
    }

    @Test
    void learnsSaveLoadRoundTripAndExplainsThePlantedFeature() {
        try (TabularModel m = trained(11)) {
            int[] y = new int[50];
            List<float[]> x = rows(50, 9, y);
            List<Prediction> p = m.predict(x);
            int[] pred = p.stream().mapToInt(Prediction::labelIndex).toArray();
            assertThat(Metrics.accuracy(y, pred)).isEqualTo(1.0);

            m.save(dir.resolve("v1"));
            try (TabularModel back = TabularModel.load("toy", dir.resolve("v1"))) {
                List<Prediction> q = back.predict(x);
                for (int i = 0; i < p.size(); i++) {
                    assertThat(q.get(i).probabilities()).containsExactly(p.get(i).probabilities());
                }
                assertThat(back.config().featureSpecVersion()).isEqualTo("test-v1");
            }

            Explanation e = m.explain(x.get(1), 3);
            assertThat(e.top()).hasSize(3);
            assertThat(e.top().get(0).name()).isEqualTo("signal");
            assertThat(e.top().get(0).value()).isEqualTo(x.get(1)[2]);
        }
    }

    @Test
    void sameSeedSameWeights() {
        try (TabularModel a = trained(5); TabularModel b = trained(5)) {
            var wa = Fitter.snapshot(a.djlModel());
            var wb = Fitter.snapshot(b.djlModel());
            wa.forEach((k, v) -> assertThat(wb.get(k)).as(k).containsExactly(v));
        }
    }

    @Test
    void fineTunesALoadedModelWithReplay() {
        try (TabularModel m = trained(11)) {
            m.save(dir.resolve("v1"));
        }
        int[] y = new int[200];
        List<float[]> x = rows(200, 21, y);
        int[] replay = io.vigil.models.train.Training.replaySample(200, 50, 3);
        assertThat(replay).hasSize(50).isSorted().containsExactly(io.vigil.models.train.Training.replaySample(200, 50, 3));
        List<float[]> rx = java.util.Arrays.stream(replay).mapToObj(x::get).toList();
        int[] ry = java.util.Arrays.stream(replay).map(i -> y[i]).toArray();
        try (TabularModel loaded = TabularModel.load("toy", dir.resolve("v1"))) {
            Fitter.Result r = io.vigil.models.train.Training.fineTuneTabular(loaded, rx, ry, x, y, "fraud",
                    new TrainConfig(3, 16, 1e-3f, 0f, 2, 1, true));
            assertThat(r.history()).isNotEmpty();
            assertThat(r.bestDevMetric()).isGreaterThan(0.99);
        }
    }

    @Test
    void plattScalingRecoversKnownParameters() {
        Random r = new Random(7);
        int n = 20_000;
        double[] z = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            z[i] = r.nextGaussian() * 2;
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(1.5 * z[i] - 2))) ? 1 : 0;
        }
        TabularModelConfig.Calibration c = TabularModelConfig.Calibration.fitPlatt(z, y, "synthetic");
        assertThat(c.a()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(0.1));
        assertThat(c.b()).isCloseTo(-2, org.assertj.core.api.Assertions.within(0.1));
        assertThat(c.apply(0)).isCloseTo(1 / (1 + Math.exp(-c.b())), org.assertj.core.api.Assertions.within(1e-12));
        // separable scores still give a finite slope (smoothed targets); one class alone is refused
        TabularModelConfig.Calibration sep = TabularModelConfig.Calibration.fitPlatt(new double[] {-3, -2, 2, 3}, new int[] {0, 0, 1, 1}, "s");
        assertThat(sep.a()).isPositive().isLessThan(100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TabularModelConfig.Calibration.fitPlatt(new double[] {1, 2}, new int[] {0, 0}, "x"))
                .hasMessageContaining("both classes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TabularModelConfig.Calibration("isotonic", 1, 0, "x"))
                .hasMessageContaining("unknown calibration method isotonic");
    }

    @Test
    void calibrationIsStoredInConfigAndAppliedAtScoring() {
        try (TabularModel m = trained(11)) {
            int[] y = new int[50];
            List<float[]> x = rows(50, 9, y);
            double[] z = m.logOdds(x);
            // uncalibrated: softmax, i.e. sigmoid of the log-odds
            List<Prediction> plain = m.predict(x);
            for (int i = 0; i < x.size(); i++) {
                assertThat((double) plain.get(i).probability("fraud")).isCloseTo(1 / (1 + Math.exp(-z[i])),
                        org.assertj.core.api.Assertions.within(1e-5));
            }
            TabularModelConfig.Calibration c = new TabularModelConfig.Calibration("platt", 0.5, -1, "test");
            TabularModel cal = m.withCalibration(c);
            cal.save(dir.resolve("v2"));
            try (TabularModel back = TabularModel.load("toy", dir.resolve("v2"))) {
                assertThat(back.config().calibration()).isEqualTo(c);
                List<Prediction> q = back.predict(x);
                for (int i = 0; i < x.size(); i++) {
                    assertThat((double) q.get(i).probability("fraud")).isCloseTo(c.apply(z[i]), org.assertj.core.api.Assertions.within(1e-6));
                    assertThat(q.get(i).probability("legit") + q.get(i).probability("fraud"))
                            .isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-6f));
                }
                // explanations see the calibrated probability too
                assertThat(back.explain(x.get(1), "fraud", 1).top()).hasSize(1);
            }
            // a config.json without "calibration" (older versions) loads uncalibrated
            m.save(dir.resolve("v1"));
            try (TabularModel back = TabularModel.load("toy", dir.resolve("v1"))) {
                assertThat(back.config().calibration()).isNull();
            }
        }
    }
}
