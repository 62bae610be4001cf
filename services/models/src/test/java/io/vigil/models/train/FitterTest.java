package io.vigil.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.training.tracker.Tracker;
import io.vigil.models.DjlOffline;
import io.vigil.models.metrics.Metrics;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.tabular.TabularModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FitterTest {

    /** Feature 0 decides the class; feature 1 is noise. */
    private static List<float[]> rows(int[] y, long seed) {
        Random r = new Random(seed);
        List<float[]> x = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
            x.add(new float[] {y[i] == 1 ? 2f + r.nextFloat() : -2f - r.nextFloat(), (float) r.nextGaussian()});
        }
        return x;
    }

    @Test
    void aBatchWithANonFiniteLossIsSkippedAndTheModelStillLearns() {
        DjlOffline.ensure();
        int[] y = new int[160];
        List<float[]> x = rows(y, 1);
        TabularModelConfig cfg = new TabularModelConfig(TabularModelConfig.TYPE, List.of("a", "b"), "test-v1",
                List.of("signal", "noise"), new float[] {0, 0}, new float[] {1, 1}, new int[] {8}, 0f);
        Engine.getInstance().setRandomSeed(3);
        try (TabularModel m = TabularModel.create("toy", cfg)) {
            float[] norm = m.normalise(x);
            int[] poisoned = {0};
            Fitter.Result r = Fitter.fit(m.djlModel(), (mgr, idx) -> {
                float[] b = new float[idx.length * 2];
                for (int i = 0; i < idx.length; i++) {
                    System.arraycopy(norm, idx[i] * 2, b, i * 2, 2);
                    if (idx[i] == 7) {
                        b[i * 2] = Float.NaN; // one corrupt row makes its whole batch's loss NaN
                        poisoned[0]++;
                    }
                }
                return m.inputs(mgr, b, idx.length);
            }, y, 2, new TrainConfig(4, 16, 1e-2f, 0f, 4, 5, true), mm -> {
                int[] pred = m.predict(x).stream().mapToInt(p -> p.labelIndex()).toArray();
                return Metrics.accuracy(y, pred);
            });
            assertThat(poisoned[0]).isEqualTo(4); // once per epoch
            for (float[] v : Fitter.snapshot(m.djlModel()).values()) {
                for (float f : v) {
                    assertThat(Float.isFinite(f)).as("every parameter stays finite").isTrue();
                }
            }
            assertThat(r.bestDevMetric()).isGreaterThanOrEqualTo(0.95);
            assertThat(r.history()).allSatisfy(e -> assertThat(Double.isFinite(e.trainLoss())).isTrue());
        }
    }

    @Test
    void warmupThenLinearDecayOrAFixedRate() {
        TrainConfig decay = new TrainConfig(5, 32, 1e-3f, 0f, 2, 42, true, true, true);
        Tracker t = Fitter.schedule(decay, 1e-3f, 100);
        assertThat(t.getNewValue(0)).isCloseTo(1e-4f, within(1e-9f)); // 1/10 of the way up
        assertThat(t.getNewValue(9)).isCloseTo(1e-3f, within(1e-9f)); // top after 10% of the steps
        assertThat(t.getNewValue(55)).isCloseTo(0.5e-3f, within(1e-9f)); // half way down
        assertThat(t.getNewValue(100)).isZero();
        assertThat(t.getNewValue(150)).isZero(); // never negative
        Tracker fixed = Fitter.schedule(new TrainConfig(5, 32, 1e-3f, 0f, 2, 42, true), 1e-3f, 100);
        assertThat(fixed.getNewValue(0)).isEqualTo(1e-3f);
        assertThat(fixed.getNewValue(99)).isEqualTo(1e-3f);
    }
}
