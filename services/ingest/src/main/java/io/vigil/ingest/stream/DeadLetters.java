package io.vigil.ingest.stream;

import io.vigil.topics.Topic;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.Protection;
import io.vigil.topics.serde.DecodeResult;
import io.vigil.topics.serde.Violation;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Builds the dead letters of one source topic. For PHI sources ({@link Protection#WITHHELD} or
 * {@link Protection#ENCRYPTED}) the reason names only paths and kinds: the validator may quote up to 40
 * characters of an offending value, and Jackson quotes unexpected tokens, either of which could be patient text.
 */
public final class DeadLetters {

    private final Topic<String, ?> source;
    private final Protection protection;
    private final UnaryOperator<byte[]> cipher;

    public DeadLetters(Topic<String, ?> source, Protection protection, UnaryOperator<byte[]> cipher) {
        this.source = source;
        this.protection = protection;
        this.cipher = cipher;
        if (protection == Protection.ENCRYPTED && cipher == null) throw new IllegalArgumentException("encrypted dead letters need a cipher");
    }

    public boolean protectsContent() {
        return protection != Protection.NONE;
    }

    public DeadLetter invalid(Optional<RecordMetadata> meta, DecodeResult.Invalid<?> invalid, byte[] original) {
        String reason = protectsContent()
                ? invalid.type() + " is invalid (" + invalid.kind().wire() + ") at "
                  + invalid.violations().stream().map(Violation::path).distinct().collect(Collectors.joining(", "))
                  + "; details withheld (PHI source)"
                : invalid.message();
        return letter(meta, reason, invalid.kind().wire(), original);
    }

    /** A rejection by a rule or a failing step; {@code reason} must be a fixed text (never the input). */
    public DeadLetter rejected(Optional<RecordMetadata> meta, String reason, String errorType, byte[] original) {
        return letter(meta, reason, errorType, original);
    }

    private DeadLetter letter(Optional<RecordMetadata> meta, String reason, String errorType, byte[] original) {
        return DeadLetter.of(java.time.Instant.now(), source.name(), source.name(),
                meta.map(RecordMetadata::partition).orElse(null), meta.map(RecordMetadata::offset).orElse(null),
                reason, errorType, original, protection, cipher);
    }
}
