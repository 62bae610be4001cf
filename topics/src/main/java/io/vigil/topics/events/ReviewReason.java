package io.vigil.topics.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a scored event was queued for review. On the wire: the lower-case name ({@link #wire()}). */
public enum ReviewReason {
    LOW_CONFIDENCE, RANDOM, HIGH_RISK, ALERT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
