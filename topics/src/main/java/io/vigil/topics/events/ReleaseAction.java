package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A model-governance action. On the wire: the lower-case name ({@link #wire()}). */
public enum ReleaseAction {
    PROMOTE, ROLLBACK, KILL, RESTORE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
