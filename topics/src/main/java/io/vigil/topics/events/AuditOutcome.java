package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How an audited action ended. On the wire: the lower-case name ({@link #wire()}). */
public enum AuditOutcome {
    OK, DENIED, ERROR;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
