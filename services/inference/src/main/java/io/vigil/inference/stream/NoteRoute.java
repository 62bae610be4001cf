package io.vigil.inference.stream;

import io.vigil.inference.workload.ModelKind;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeidentifiedNote;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Score;
import io.vigil.topics.events.ScoredNote;

/**
 * notes.deid -> notes.scored: urgency of the de-identified text. An over-long note is scored on its first
 * max-text-chars characters and the scored copy carries that prefix (a 1 MB note would otherwise exceed
 * Kafka's record limit downstream); the explanation says so.
 */
final class NoteRoute implements Route<DeidentifiedNote> {

    @Override
    public Domain domain() {
        return Domain.NOTES;
    }

    @Override
    public Topic<String, DeidentifiedNote> input() {
        return Topics.NOTES_DEID;
    }

    @Override
    public Topic<String, ?> output() {
        return Topics.NOTES_SCORED;
    }

    @Override
    public Prepared<DeidentifiedNote> prepare(DeidentifiedNote n, ModelKind kind, int maxTextChars) throws Unscorable {
        String text = Route.checkedText(n.text(), "note text", maxTextChars);
        if (text.length() == n.text().length()) return new Prepared<>(n, text, null);
        DeidentifiedNote cut = new DeidentifiedNote(n.id(), n.eventTime(), n.source(), n.version(), n.patientPseudonym(),
                text, n.specialty(), n.noteType(), n.groups(), n.redactions(), n.deidVersion());
        return new Prepared<>(cut, text, Route.truncation(text.length(), n.text().length()));
    }

    @Override
    public Object scored(DeidentifiedNote n, Score score, String source) {
        return ScoredNote.of(n, score, source);
    }

    @Override
    public String id(DeidentifiedNote n) {
        return n.id();
    }

    @Override
    public String reviewText(DeidentifiedNote n) {
        return n.text();
    }
}
