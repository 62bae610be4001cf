package io.vigil.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DriftTest {

    @Test
    void psiOfIdenticalDistributionsIsZeroAndGrowsWithTheShift() {
        double[] e = {0.25, 0.25, 0.25, 0.25};
        assertThat(Drift.psi(e, e)).isZero();
        // hand-computed: (0.4-0.25)ln(0.4/0.25) + (0.1-0.25)ln(0.1/0.25) = 0.15*0.470004 + 0.15*0.916291
        assertThat(Drift.psi(e, new double[] {0.4, 0.1, 0.25, 0.25})).isCloseTo(0.2079442, within(1e-6));
        assertThat(Drift.psi(e, new double[] {0.7, 0.1, 0.1, 0.1})).isGreaterThan(0.25);
    }

    @Test
    void psiFloorsEmptyBins() {
        double v = Drift.psi(new double[] {1, 0}, new double[] {0.5, 0.5});
        assertThat(v).isFinite().isCloseTo((0.5 - 1) * Math.log(0.5) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4), within(1e-9));
    }

    @Test
    void jensenShannonIsSymmetricAndBounded() {
        double[] p = {0.5, 0.5, 0};
        double[] q = {0, 0.5, 0.5};
        assertThat(Drift.jensenShannon(p, q)).isCloseTo(0.5, within(1e-12)).isEqualTo(Drift.jensenShannon(q, p));
        assertThat(Drift.jensenShannon(new double[] {1, 0}, new double[] {0, 1})).isCloseTo(1.0, within(1e-12));
        assertThat(Drift.jensenShannon(p, p)).isZero();
        assertThatThrownBy(() -> Drift.psi(p, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proportionsOfCounts() {
        assertThat(Drift.proportions(new long[] {1, 3})).containsExactly(0.25, 0.75);
        assertThat(Drift.proportions(new long[] {0, 0})).containsExactly(0, 0);
    }
}
