package io.vigil.topics.events;

import java.time.Instant;

/** A {@link DeidentifiedNote} with its clinical risk {@link Score} ({@code notes.scored}). */
public record ScoredNote(String id, Instant eventTime, String source, int version, DeidentifiedNote note, Score score)
        implements Event {

    public ScoredNote {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(note, "note");
        Fields.required(score, "score");
    }

    /** The scored event keeps the id and event time of the event it scored: one id end to end. */
    public static ScoredNote of(DeidentifiedNote note, Score score, String source) {
        return new ScoredNote(note.id(), note.eventTime(), source, CURRENT_VERSION, note, score);
    }
}
