package io.vigil.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    // y:    0 0 1 1 2 2
    // pred: 0 1 1 1 2 0
    private final int[] y = {0, 0, 1, 1, 2, 2};
    private final int[] pred = {0, 1, 1, 1, 2, 0};

    @Test
    void confusionAccuracyAndF1ByHand() {
        int[][] cm = Metrics.confusion(y, pred, 3);
        assertThat(cm).isDeepEqualTo(new int[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 1}});
        assertThat(Metrics.accuracy(y, pred)).isCloseTo(4.0 / 6, within(1e-12));
        // precision: c0 1/2, c1 2/3, c2 1/1; recall: c0 1/2, c1 1, c2 1/2
        assertThat(Metrics.precision(cm)).containsExactly(new double[] {0.5, 2.0 / 3, 1.0}, within(1e-12));
        assertThat(Metrics.recall(cm)).containsExactly(new double[] {0.5, 1.0, 0.5}, within(1e-12));
        // f1: 0.5, 0.8, 2/3 -> macro 0.65555...
        assertThat(Metrics.macroF1(y, pred, 3)).isCloseTo((0.5 + 0.8 + 2.0 / 3) / 3, within(1e-12));
    }

    @Test
    void averagePrecisionByHand() {
        // ranked: 0.9(1) 0.8(0) 0.7(1) 0.1(0): AP = 0.5*1 + 0.5*(2/3)
        int[] yb = {1, 0, 1, 0};
        double[] s = {0.9, 0.8, 0.7, 0.1};
        assertThat(Metrics.auprc(yb, s)).isCloseTo(0.5 + 1.0 / 3, within(1e-12));
        // a perfect ranking gives 1
        assertThat(Metrics.auprc(new int[] {0, 1, 1}, new double[] {0.1, 0.8, 0.9})).isEqualTo(1.0);
        // one tie group holding everything: precision = base rate
        assertThat(Metrics.auprc(new int[] {1, 0, 0, 0}, new double[] {0.5, 0.5, 0.5, 0.5})).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void rocAucByHand() {
        // pairs (pos, neg): (0.9,0.8) win, (0.9,0.1) win, (0.7,0.8) loss, (0.7,0.1) win -> 3/4
        assertThat(Metrics.rocAuc(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.8, 0.7, 0.1})).isCloseTo(0.75, within(1e-12));
        // a tie counts one half
        assertThat(Metrics.rocAuc(new int[] {1, 0}, new double[] {0.5, 0.5})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void expectedCalibrationErrorByHand() {
        // two bins used (10 bins): conf 0.95 correct, 0.95 wrong -> bin 9: |0.5-0.95| * 2/4;
        // conf 0.6 correct, 0.6 correct -> bin 6: |1-0.6| * 2/4. ECE = 0.225 + 0.2 = 0.425
        float[][] p = {{0.95f, 0.05f}, {0.95f, 0.05f}, {0.4f, 0.6f}, {0.4f, 0.6f}};
        int[] yy = {0, 1, 1, 1};
        assertThat(Metrics.ece(yy, p, 10)).isCloseTo(0.425, within(1e-6));
    }

    @Test
    void positiveClassCalibrationErrorByHand() {
        // bin 9: scores 0.9, 0.9, 0.9, 0.9 with 2 positives -> |0.5 - 0.9| * 4/6; bin 1: 0.1, 0.1 with 0 -> |0 - 0.1| * 2/6
        int[] yy = {1, 1, 0, 0, 0, 0};
        double[] s = {0.9, 0.9, 0.9, 0.9, 0.1, 0.1};
        assertThat(Metrics.positiveEce(yy, s, 10)).isCloseTo(0.4 * 4 / 6 + 0.1 * 2 / 6, within(1e-12));
        // a score of exactly 1 falls in the top bin; perfect calibration gives 0
        assertThat(Metrics.positiveEce(new int[] {1, 0}, new double[] {1.0, 0.0}, 10)).isZero();
    }
}
