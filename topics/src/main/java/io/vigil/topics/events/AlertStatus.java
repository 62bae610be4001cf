package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where an alert stands. On the wire: the lower-case name ({@link #wire()}). */
public enum AlertStatus {
    NEW, ESCALATED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
