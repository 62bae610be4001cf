package io.vigil.monitors;

import io.vigil.monitors.privacy.DiscreteLaplace;
import io.vigil.monitors.privacy.PrivacyBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The noise matches epsilon and sensitivity, checked on many draws from a seeded generator (fixed seed: the
 * statistics are the same on every run, so the test cannot flake; the tolerances are several standard errors wide).
 */
class DiscreteLaplaceTest {

    static final int N = 200_000;

    @ParameterizedTest(name = "epsilon {0}")
    @ValueSource(doubles = {0.25, 1.0, 2.0})
    void countNoiseHasTheDiscreteLaplaceDistributionOfScaleOneOverEpsilon(double epsilon) {
        DiscreteLaplace m = new DiscreteLaplace(Harness.seededRandom(1));
        double alpha = Math.exp(-epsilon); // sensitivity 1
        long zeros = 0;
        double sum = 0;
        double sumSq = 0;
        double sumAbs = 0;
        for (int i = 0; i < N; i++) {
            long k = m.count(100, epsilon) - 100;
            if (k == 0) zeros++;
            sum += k;
            sumSq += (double) k * k;
            sumAbs += Math.abs(k);
        }
        double mean = sum / N;
        double variance = sumSq / N - mean * mean;
        double expectedVariance = 2 * alpha / ((1 - alpha) * (1 - alpha));
        assertThat(DiscreteLaplace.variance(1 / epsilon)).isCloseTo(expectedVariance, within(1e-12));
        // unbiased: the mean is within 5 standard errors of 0
        assertThat(mean).isCloseTo(0, within(5 * Math.sqrt(expectedVariance / N)));
        // variance 2a/(1-a)^2 (-> 2/epsilon^2, Laplace's, as epsilon -> 0): within 2%
        assertThat(variance / expectedVariance).isCloseTo(1.0, within(0.02));
        // P(0) = (1-a)/(1+a) and E|k| = 2a/(1-a^2): the shape, not just the spread
        assertThat((double) zeros / N).isCloseTo((1 - alpha) / (1 + alpha), within(0.005));
        assertThat(sumAbs / N).isCloseTo(2 * alpha / (1 - alpha * alpha), within(0.02 * (1 + 1 / epsilon)));
    }

    @Test
    void halvingEpsilonDoublesTheNoiseForLargeScales() {
        DiscreteLaplace m = new DiscreteLaplace(Harness.seededRandom(2));
        double sd01 = sd(m, 0.1);
        double sd005 = sd(m, 0.05);
        assertThat(sd01).isCloseTo(Math.sqrt(2) / 0.1, within(0.02 * Math.sqrt(2) / 0.1)); // Laplace b = 1/epsilon: sd = b sqrt 2
        assertThat(sd005 / sd01).isCloseTo(2.0, within(0.05));
    }

    private static double sd(DiscreteLaplace m, double epsilon) {
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < N; i++) {
            double k = m.count(0, epsilon);
            s += k;
            s2 += k * k;
        }
        return Math.sqrt(s2 / N - (s / N) * (s / N));
    }

    @Test
    void sumNoiseScalesWithSensitivityOverEpsilonAndLandsOnTheGrid() {
        DiscreteLaplace m = new DiscreteLaplace(Harness.seededRandom(3));
        double sensitivity = 0.5;
        double epsilon = 0.5; // Laplace scale b = 1: sd sqrt 2
        double gamma = DiscreteLaplace.granularity(sensitivity / epsilon);
        assertThat(gamma).isLessThanOrEqualTo(1.0 / (1 << 19)).isGreaterThan(0);
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < N; i++) {
            double v = m.sum(12.3456789, sensitivity, epsilon);
            assertThat(v / gamma).isEqualTo(Math.rint(v / gamma)); // a multiple of the grid: no low-bit leak
            double noise = v - 12.3456789;
            s += noise;
            s2 += noise * noise;
        }
        double sd = Math.sqrt(s2 / N - (s / N) * (s / N));
        assertThat(sd).isCloseTo(Math.sqrt(2) * sensitivity / epsilon, within(0.02 * Math.sqrt(2)));
    }

    @Test
    void budgetAllowsUpToTheTotalAndNoFurther() {
        assertThat(PrivacyBudget.allows(0, 0.5, 1.0)).isTrue();
        assertThat(PrivacyBudget.allows(0.5, 0.5, 1.0)).isTrue();
        assertThat(PrivacyBudget.allows(1.0, 0.5, 1.0)).isFalse();
        double spent = 0;
        for (int i = 0; i < 10; i++) spent += 0.1; // 0.9999999999999999
        assertThat(PrivacyBudget.allows(spent - 0.1, 0.1, 1.0)).isTrue();
        assertThat(PrivacyBudget.allows(spent, 0.1, 1.0)).isFalse();
        assertThatThrownBy(() -> new DiscreteLaplace(Harness.seededRandom(4)).noise(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
