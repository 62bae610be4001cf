package io.vigil.monitors;

import java.time.Instant;

/** Deterministic ids: a replayed window yields the same ids, so the index and the alert topic never duplicate. */
public final class Ids {

    private Ids() {
    }

    /** Joins parts with '-' after replacing anything outside [A-Za-z0-9._] by '_'; ids stay within 200 characters. */
    public static String of(String prefix, Instant windowStart, String... parts) {
        StringBuilder sb = new StringBuilder(prefix);
        for (String p : parts) sb.append('-').append(p.replaceAll("[^A-Za-z0-9._]", "_"));
        sb.append('-').append(windowStart.toEpochMilli());
        String id = sb.toString();
        if (id.length() <= 200) return id;
        // keep it unique when cut: the hash of the whole id replaces the tail
        return id.substring(0, 180) + "-" + Integer.toHexString(id.hashCode());
    }
}
