package io.vigil.topics.serde;

import java.util.Locale;

/** What kind of failure made an event invalid; {@link #wire()} is the dead letter's {@code errorType}. */
public enum ErrorKind {
    /** The bytes are not valid UTF-8. */
    NOT_UTF8,
    /** The text is not one well-formed JSON document. */
    MALFORMED_JSON,
    /** The JSON does not satisfy the type's JSON Schema. */
    SCHEMA,
    /** Schema-valid JSON the record still refused (a cross-field rule such as end >= start). */
    BINDING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
