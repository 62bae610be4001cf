package io.vigil.inference.stream;

import io.vigil.topics.events.Attribution;

/**
 * A decoded event ready to score: the model input, the event the scored record will carry (the same one,
 * or a copy with its text truncated) and an attribution saying what was altered (null when nothing was).
 */
record Prepared<E>(E event, Object input, Attribution note) {}
