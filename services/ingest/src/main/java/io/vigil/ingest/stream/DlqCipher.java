package io.vigil.ingest.stream;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.function.UnaryOperator;

/**
 * AES-256-GCM for notes dead letters ({@code protection: encrypted}): output = 12-byte random IV || ciphertext+tag.
 * The key is SHA-256 of the configured secret ({@code ingest.dlq-encryption-key}, at least 16 bytes).
 */
public final class DlqCipher implements UnaryOperator<byte[]> {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public DlqCipher(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 16)
            throw new IllegalArgumentException("ingest.dlq-encryption-key must be at least 16 bytes");
        try {
            key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] apply(byte[] plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            return ByteBuffer.allocate(12 + plain.length + 16).put(iv).put(c.doFinal(plain)).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** For an operator holding the key: the original bytes of an encrypted dead letter. */
    public byte[] decrypt(byte[] sealed) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
            return c.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot decrypt: wrong key or corrupted dead letter", e);
        }
    }
}
