package io.vigil.inference;

import io.vigil.platform.config.ConfigException;
import java.util.Locale;

/**
 * Review selection ({@code inference.review}).
 *
 * @param uncertainty          "margin" (top-1 minus top-2 probability) or "entropy" (normalised to [0,1])
 * @param lowConfidence        margin below / normalised entropy above this is low confidence
 * @param randomRate           fraction of all events sent as a random (unbiased) slice
 * @param seed                 seed of the random slice; the choice is a hash of (seed, event id), so a
 *                             retried transaction selects the same events
 */
public record ReviewSettings(String uncertainty, double lowConfidence, double randomRate, long seed) {

    public ReviewSettings {
        uncertainty = uncertainty == null ? "margin" : uncertainty.trim().toLowerCase(Locale.ROOT);
        if (!uncertainty.equals("margin") && !uncertainty.equals("entropy")) {
            throw new ConfigException("inference.review.uncertainty must be margin or entropy, not " + uncertainty);
        }
        if (randomRate < 0 || randomRate > 1) throw new ConfigException("inference.review.random-rate must be in [0,1]");
    }

    public static ReviewSettings defaults() {
        return new ReviewSettings("margin", 0.2, 0.01, 42);
    }
}
