package io.vigil.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** When a scored event carries an explanation (explanations cost one extra forward pass per input). */
public enum ExplainMode {
    /** Every event. */
    ALWAYS,
    /** Events whose score is at or above the model's explain-threshold. */
    THRESHOLD,
    /** A seeded, deterministic slice (explain-sample-rate), plus every event selected for review. */
    SAMPLED,
    /** Only events selected for review. */
    NEVER;

    @JsonCreator
    public static ExplainMode parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
