package io.vigil.topics.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.topics.serde.Json;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Input a pipeline could not process ({@code *.dlq}), with the reason and the original bytes.
 *
 * @param sourcePartition nullable
 * @param sourceOffset    nullable
 * @param reason          what was wrong and where
 * @param errorType       machine-readable kind, e.g. {@code schema}, {@code malformed-json}
 * @param originalBase64  nullable: the original bytes in clear ({@code none}), their ciphertext
 *                        ({@code encrypted}), absent when {@code withheld}
 * @param originalSha256  lower-case hex SHA-256 of the original (plaintext) bytes
 */
public record DeadLetter(String id, Instant eventTime, String source, int version,
                         String sourceTopic, Integer sourcePartition, Long sourceOffset, String reason,
                         String errorType, String originalBase64, String originalSha256, Protection protection)
        implements Event {

    /** Characters of the SHA-256 used in {@code dlq-<prefix>} ids. */
    public static final int ID_HASH_CHARS = 16;

    private static final Pattern EVENT_ID = Pattern.compile("\\S{1,200}");

    public DeadLetter {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(sourceTopic, "sourceTopic");
        Fields.required(reason, "reason");
        Fields.required(errorType, "errorType");
        Fields.required(originalSha256, "originalSha256");
        Fields.required(protection, "protection");
        if (protection == Protection.WITHHELD && originalBase64 != null)
            throw new IllegalArgumentException("a dead letter with protection 'withheld' must not carry originalBase64");
    }

    /**
     * A dead letter rejected now, sourced from its topic, with the original in clear ({@code none}) or
     * withheld ({@code withheld}); use the full form for {@code encrypted}.
     */
    public static DeadLetter of(String sourceTopic, Integer partition, Long offset, String reason, String errorType,
                                byte[] original, Protection protection) {
        return of(Instant.now(), sourceTopic, sourceTopic, partition, offset, reason, errorType, original, protection, null);
    }

    /**
     * The full form. The id is the original event's {@code id} when the bytes are a JSON object with a valid
     * one, else {@code dlq-<first 16 hex of the SHA-256>}, so dead-lettering the same bytes twice is idempotent.
     *
     * @param cipher encrypts the original for {@link Protection#ENCRYPTED}; ignored otherwise
     */
    public static DeadLetter of(Instant at, String source, String sourceTopic, Integer partition, Long offset,
                                String reason, String errorType, byte[] original, Protection protection,
                                UnaryOperator<byte[]> cipher) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(protection, "protection");
        String sha = sha256Hex(original);
        String base64 = switch (protection) {
            case NONE -> Base64.getEncoder().encodeToString(original);
            case WITHHELD -> null;
            case ENCRYPTED -> {
                if (cipher == null) throw new IllegalArgumentException("protection 'encrypted' needs a cipher");
                yield Base64.getEncoder().encodeToString(cipher.apply(original));
            }
        };
        return new DeadLetter(idOf(original, sha), at, source, CURRENT_VERSION, sourceTopic, partition, offset,
                reason, errorType, base64, sha, protection);
    }

    /** The bytes carried in {@code originalBase64} (plaintext or ciphertext, see {@link #protection()}). */
    public Optional<byte[]> carriedBytes() {
        return Optional.ofNullable(originalBase64).map(Base64.getDecoder()::decode);
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String idOf(byte[] original, String sha) {
        try {
            JsonNode id = Json.mapper().readTree(original).path("id");
            if (id.isTextual() && EVENT_ID.matcher(id.textValue()).matches()) return id.textValue();
        } catch (IOException | RuntimeException unreadable) {
            // not JSON (or not an object): fall through to the hash id
        }
        return "dlq-" + sha.substring(0, ID_HASH_CHARS);
    }
}
