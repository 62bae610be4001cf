package io.vigil.ingest.deid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for identifiers: {@code prefix_} + the first 80 bits of HMAC-SHA256(key, domain || 0 || id)
 * in lower-case base32 (16 characters). The same id and key always give the same pseudonym, so records of one
 * patient stay linkable; without the key the id cannot be recovered or confirmed by brute force over a
 * small id space (which a plain hash would allow).
 *
 * <p>Collision risk: with 80 bits, n distinct ids collide with probability about n^2 / 2^81 — about 4e-9
 * for 100 million ids. Domains (the prefix) are hashed in, so a patient id and an account id with the same
 * digits get unrelated pseudonyms.
 *
 * <p>The key is never logged: {@link #toString()} masks it and error messages never contain it or the id.
 * Thread-safe.
 */
public final class Pseudonymizer {

    /** Environment variable / configuration key holding the secret. */
    public static final String KEY_ENV = "VIGIL_PSEUDONYM_KEY";
    /** Minimum key length in bytes (256 bits recommended, 128 bits refused below). */
    public static final int MIN_KEY_BYTES = 32;
    static final int OUTPUT_BITS = 80;

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,15}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final SecretKeySpec key;
    private final Mac prototype;

    private Pseudonymizer(byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("pseudonymisation key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        boolean allSame = true;
        for (byte b : keyBytes) {
            allSame &= b == keyBytes[0];
        }
        if (allSame) {
            throw new IllegalArgumentException("pseudonymisation key has no entropy (one repeated byte)");
        }
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            this.prototype.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** From raw key bytes (copied). */
    public static Pseudonymizer ofKey(byte[] key) {
        return new Pseudonymizer(key == null ? null : key.clone());
    }

    /** From a secret string (its UTF-8 bytes), e.g. read from a secret store. */
    public static Pseudonymizer ofSecret(String secret) {
        return new Pseudonymizer(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
    }

    /** From {@value #KEY_ENV} in the given environment (pass {@code System.getenv()} in production). */
    public static Pseudonymizer fromEnv(Map<String, String> env) {
        String v = env.get(KEY_ENV);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(KEY_ENV + " is not set");
        }
        return ofSecret(v);
    }

    /** The patient pseudonym, e.g. {@code p_k3v9...}. */
    public String patient(String patientId) {
        return pseudonym("p", patientId);
    }

    /**
     * The pseudonym of any other identifier in its own domain, e.g. {@code pseudonym("acct", "123")}
     * gives {@code acct_...}. {@code prefix}: lower-case letters/digits, starting with a letter, at most 16.
     * Leading and trailing whitespace of {@code id} is ignored, so " 123" and "123" link.
     */
    public String pseudonym(String prefix, String id) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(id, "id");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must match " + PREFIX.pattern());
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
        Mac mac;
        try {
            mac = (Mac) prototype.clone(); // Mac is not thread-safe; a clone per call is
        } catch (CloneNotSupportedException e) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
            } catch (GeneralSecurityException e2) {
                throw new IllegalStateException("HmacSHA256 unavailable", e2);
            }
        }
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] h = mac.doFinal(id.strip().getBytes(StandardCharsets.UTF_8));
        return prefix + "_" + base32(h, OUTPUT_BITS);
    }

    static String base32(byte[] bytes, int bits) {
        StringBuilder sb = new StringBuilder((bits + 4) / 5);
        for (int bit = 0; bit < bits; bit += 5) {
            int v = 0;
            for (int k = 0; k < 5; k++) {
                int b = bit + k;
                v = (v << 1) | ((bytes[b / 8] >> (7 - b % 8)) & 1);
            }
            sb.append(BASE32[v]);
        }
        return sb.toString();
    }

    /** Constant-time check that a pseudonym belongs to an id (for audits). */
    public boolean matches(String prefix, String id, String pseudonym) {
        return MessageDigest.isEqual(pseudonym(prefix, id).getBytes(StandardCharsets.US_ASCII),
                pseudonym.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Pseudonymizer[key=****, alg=HmacSHA256, bits=" + OUTPUT_BITS + "]";
    }
}
