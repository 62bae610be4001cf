package io.vigil.topics.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An event that does not satisfy its contract. A Kafka {@link SerializationException}, so Kafka's and
 * Kafka Streams' serde error handling treats it like any other (de)serialisation failure.
 */
public class EventValidationException extends SerializationException {

    private final String type;
    private final ErrorKind kind;
    private final List<Violation> violations;

    public EventValidationException(String type, ErrorKind kind, List<Violation> violations) {
        super(message(type, violations));
        this.type = Objects.requireNonNull(type, "type");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.violations = List.copyOf(violations);
        if (this.violations.isEmpty()) throw new IllegalArgumentException("an invalid event needs at least one violation");
    }

    /** The event type (schema name), e.g. {@code NewsArticle}. */
    public String type() {
        return type;
    }

    public ErrorKind kind() {
        return kind;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** {@code NewsArticle is invalid: $.title: is missing but it is required; $.eventTime: ...}. */
    public static String message(String type, List<Violation> violations) {
        return type + " is invalid: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
