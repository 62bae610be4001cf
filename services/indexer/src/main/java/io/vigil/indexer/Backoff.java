package io.vigil.indexer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Capped exponential backoff with "equal jitter": half the delay fixed, half random, so retries spread out. */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial backoff must be > 0");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max backoff must be >= initial");
    }

    /** The un-jittered delay before retry number {@code attempt} (1 = first retry): initial * 2^(attempt-1), capped. */
    public long ceilingMillis(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long d = initial.toMillis() << shift;
        return d <= 0 || d > max.toMillis() ? max.toMillis() : d;
    }

    /** The delay to wait before retry number {@code attempt}: in [ceiling/2, ceiling]. */
    public long delayMillis(int attempt) {
        long c = ceilingMillis(attempt);
        long half = c / 2;
        return half + ThreadLocalRandom.current().nextLong(c - half + 1);
    }
}
