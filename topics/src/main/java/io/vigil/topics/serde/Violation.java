package io.vigil.topics.serde;

import java.util.Objects;

/**
 * One reason an event is invalid.
 *
 * @param path   JSON path of the failing field, e.g. {@code $.score.modelVersion}; {@code $} for the whole document
 * @param reason what is wrong, in words (may quote a short, truncated offending value)
 */
public record Violation(String path, String reason) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
