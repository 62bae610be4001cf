package io.vigil.ingest.source;

/** Input a source cannot accept; the message names the field (JSON path) and is shown to the sender. */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
