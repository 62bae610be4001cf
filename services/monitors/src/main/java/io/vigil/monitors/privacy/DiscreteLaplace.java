package io.vigil.monitors.privacy;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The discrete Laplace (two-sided geometric) mechanism: integer noise k with P(k) proportional to
 * exp(-|k| / scale). Counts get it directly (scale = 1/epsilon for sensitivity 1: epsilon-DP, Ghosh et al. 2009).
 * Real sums are rounded to a power-of-two grid first and noised in grid units, so the output lies on a fixed grid:
 * textbook floating-point Laplace leaks through the low bits of its doubles (Mironov 2012), this does not.
 *
 * <p>Randomness comes from {@link SecureRandom} in service; tests pass a seeded generator so their statistics are
 * reproducible.
 */
public final class DiscreteLaplace {

    public static final String NAME = "discrete-laplace";
    /** The grid is at most scale / 2^GRID_BITS: far below the noise, far above double rounding. */
    static final int GRID_BITS = 20;

    private final Random random;

    public DiscreteLaplace(Random random) {
        this.random = random;
    }

    public static DiscreteLaplace secure() {
        return new DiscreteLaplace(new SecureRandom());
    }

    /** Two-sided geometric noise with parameter alpha = exp(-1/scale), scale > 0 in grid units. */
    public long noise(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("noise scale must be > 0 and finite, was " + scale);
        return geometric(scale) - geometric(scale);
    }

    /** Failures before the first success with P(success) = 1 - exp(-1/scale): the floor of an exponential of mean scale. */
    private long geometric(double scale) {
        double u = 1.0 - random.nextDouble(); // (0, 1]: log never sees 0
        double g = Math.floor(-scale * Math.log(u));
        return (long) Math.min(g, 1e15);
    }

    /** count + noise, sensitivity 1. */
    public long count(long count, double epsilon) {
        return count + noise(1.0 / epsilon);
    }

    /** The grid for a Laplace scale: the power of two just above scale / 2^GRID_BITS. */
    public static double granularity(double scale) {
        return Math.scalb(1.0, Math.getExponent(scale) + 1 - GRID_BITS);
    }

    /**
     * A noisy sum whose true value moves by at most {@code sensitivity} when one event is added or removed. The
     * sum is rounded to the grid, which can move a neighbour's sum by one more grid step, so the noise is
     * calibrated to sensitivity + grid.
     */
    public double sum(double sum, double sensitivity, double epsilon) {
        double gamma = granularity(sensitivity / epsilon);
        double unitsScale = (sensitivity + gamma) / epsilon / gamma;
        return (Math.round(sum / gamma) + noise(unitsScale)) * gamma;
    }

    /** Variance of the noise of {@link #noise(double)}: 2 alpha / (1 - alpha)^2, alpha = exp(-1/scale). */
    public static double variance(double scale) {
        double a = Math.exp(-1.0 / scale);
        return 2 * a / ((1 - a) * (1 - a));
    }
}
