package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How urgent an alert is. On the wire: the lower-case name ({@link #wire()}). */
public enum Severity {
    INFO, WARNING, CRITICAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
