package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which pipeline an event belongs to. On the wire: the lower-case name ({@link #wire()}). */
public enum Domain {
    NEWS, TRANSACTIONS, NOTES;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
