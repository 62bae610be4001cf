package io.vigil.ingest.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds and redacts protected health information in free text (names, dates, phones, e-mails,
 * addresses, ZIP codes, identifying numbers, ages over 89, URLs, IPs).
 *
 * <p>Immutable and thread-safe: build one with {@link #create()} and share it. Rules favour recall
 * (a missed identifier is a privacy breach; an extra placeholder costs a little readability).
 * Spans are in UTF-16 offsets of the original text; overlapping detections are merged into their
 * union, typed by the most specific detection.
 */
public final class Deidentifier {

    private final StructuredDetector structured;
    private final NameDetector names;

    private Deidentifier(Lexicon lexicon) {
        this.structured = new StructuredDetector();
        this.names = new NameDetector(lexicon);
    }

    /** A de-identifier with the bundled word lists (loaded once per JVM). */
    public static Deidentifier create() {
        return new Deidentifier(Lexicon.defaults());
    }

    /** Detects and redacts; {@code text} may be empty but not null. */
    public DeidResult deidentify(String text) {
        return DeidResult.of(text, detect(text));
    }

    /** Detects only: merged, sorted, non-overlapping spans in original offsets. */
    public List<Span> detect(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return List.of();
        }
        List<Candidate> candidates = new ArrayList<>();
        structured.detect(text, candidates);
        names.detect(text, candidates);
        return SpanMerger.merge(candidates);
    }

    @Override
    public String toString() {
        return "Deidentifier";
    }
}
