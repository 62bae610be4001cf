package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A news sentiment label (labelled replays only). On the wire: the lower-case name ({@link #wire()}). */
public enum Sentiment {
    NEGATIVE, NEUTRAL, POSITIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
