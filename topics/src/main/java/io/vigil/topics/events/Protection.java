package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a dead letter holds the original bytes: in clear, withheld, or encrypted. On the wire: the lower-case name ({@link #wire()}). */
public enum Protection {
    NONE, WITHHELD, ENCRYPTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
