package io.vigil.ingest.deid;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome of de-identifying one text.
 *
 * @param redactedText the text with every span replaced by its type's placeholder
 * @param spans        non-overlapping spans, sorted, in offsets of the ORIGINAL text
 * @param counts       number of spans per type (types with none are absent)
 */
public record DeidResult(String redactedText, List<Span> spans, Map<PhiType, Integer> counts) {

    public DeidResult {
        spans = List.copyOf(spans);
        counts = Collections.unmodifiableMap(new EnumMap<>(counts.isEmpty() ? new EnumMap<>(PhiType.class) : counts));
    }

    static DeidResult of(String original, List<Span> spans) {
        StringBuilder sb = new StringBuilder(original.length());
        Map<PhiType, Integer> counts = new EnumMap<>(PhiType.class);
        int pos = 0;
        for (Span s : spans) {
            sb.append(original, pos, s.start()).append(s.type().placeholder());
            pos = s.end();
            counts.merge(s.type(), 1, Integer::sum);
        }
        sb.append(original, pos, original.length());
        return new DeidResult(sb.toString(), spans, counts);
    }

    /** Only counts: the redacted text is not repeated here, to keep logs short and safe by habit. */
    @Override
    public String toString() {
        return "DeidResult[spans=" + spans.size() + ", counts=" + counts + "]";
    }
}
