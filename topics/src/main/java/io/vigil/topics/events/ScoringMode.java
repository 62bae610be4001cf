package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a score was produced: by the model, or by rules while the model's kill switch is on. On the wire: the lower-case name ({@link #wire()}). */
public enum ScoringMode {
    MODEL, RULES;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
