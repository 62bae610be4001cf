package io.vigil.ingest.stream;

import io.vigil.topics.events.DeadLetter;

/**
 * A record on its way through a topology: still good ({@link Ok}, with the original bytes kept so a later
 * step can still dead-letter it) or already rejected ({@link Rejected}, carrying its dead letter). Lives only
 * between processors of one sub-topology, so it needs no serde.
 */
public sealed interface Checked<T> {

    record Ok<T>(T value, byte[] original) implements Checked<T> {
    }

    record Rejected<T>(DeadLetter letter) implements Checked<T> {
    }
}
