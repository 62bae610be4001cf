package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A patient's recorded sex. On the wire: the lower-case name ({@link #wire()}). */
public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
