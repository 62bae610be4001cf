package io.vigil.topics.serde;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link JsonSerde#tryDecode(byte[])}: the event, or why it is invalid. Never throws for bad
 * input, so ingest can route it to a dead letter:
 * <pre>{@code
 * switch (serde.tryDecode(bytes)) {
 *     case DecodeResult.Valid<NewsArticle> v -> ...v.value()...
 *     case DecodeResult.Invalid<NewsArticle> i -> ...i.message(), i.kind().wire()...
 * }
 * }</pre>
 */
public sealed interface DecodeResult<T> {

    boolean isValid();

    /** The event (null for a tombstone); throws {@link EventValidationException} when invalid. */
    T orThrow();

    /** @param value the event, or null when the input was null (a tombstone) */
    record Valid<T>(T value) implements DecodeResult<T> {
        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public T orThrow() {
            return value;
        }
    }

    record Invalid<T>(String type, ErrorKind kind, List<Violation> violations) implements DecodeResult<T> {
        public Invalid {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(kind, "kind");
            violations = List.copyOf(violations);
            if (violations.isEmpty()) throw new IllegalArgumentException("Invalid needs at least one violation");
        }

        @Override
        public boolean isValid() {
            return false;
        }

        @Override
        public T orThrow() {
            throw toException();
        }

        public String message() {
            return EventValidationException.message(type, violations);
        }

        public EventValidationException toException() {
            return new EventValidationException(type, kind, violations);
        }
    }
}
