package io.vigil.alerts;

import io.vigil.topics.events.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Deterministic alert ids: {@code <rule>|<key>|<window start millis>}, plus {@code |escalated} for the one
 * escalation. A replay or an EOS retry computes the same id, so the index (document _id) and webhook
 * receivers (Idempotency-Key) see one alert, never two.
 */
public final class AlertIds {

    static final String ESCALATED_SUFFIX = "|escalated";
    private static final int MAX = 200;

    private AlertIds() {
    }

    public static String of(String rule, String key, Instant windowStart) {
        String safeKey = key.replaceAll("\\s", "_");
        String id = rule + "|" + safeKey + "|" + windowStart.toEpochMilli();
        // ids are \S{1,200}; a very long key is replaced by a stable hash of it
        if (id.length() + ESCALATED_SUFFIX.length() > MAX) {
            String hash = DeadLetter.sha256Hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
            id = rule + "|h-" + hash + "|" + windowStart.toEpochMilli();
        }
        return id;
    }

    public static String escalated(String baseId) {
        return baseId + ESCALATED_SUFFIX;
    }

    /** The record key on the alerts topic: rule and entity, so one (rule, key) stays on one partition. */
    public static String recordKey(String rule, String key) {
        return rule + "|" + key;
    }
}
