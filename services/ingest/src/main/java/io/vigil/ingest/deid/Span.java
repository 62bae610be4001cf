package io.vigil.ingest.deid;

import java.util.Objects;

/**
 * A detected span in the ORIGINAL text: {@code [start, end)} in Java {@code char} (UTF-16) indices, so
 * {@code text.substring(start, end)} is the identifier. {@link #codePointStart}/{@link #codePointEnd}
 * convert for consumers that count Unicode code points (JSON output of {@link DeidCommand}).
 */
public record Span(PhiType type, int start, int end) implements Comparable<Span> {

    public Span {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span bounds " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(int otherStart, int otherEnd) {
        return start < otherEnd && otherStart < end;
    }

    public int codePointStart(CharSequence text) {
        return Character.codePointCount(text, 0, start);
    }

    public int codePointEnd(CharSequence text) {
        return Character.codePointCount(text, 0, end);
    }

    @Override
    public int compareTo(Span o) {
        int c = Integer.compare(start, o.start);
        return c != 0 ? c : Integer.compare(end, o.end);
    }

    /** Never prints the covered text: only type and offsets. */
    @Override
    public String toString() {
        return type + "[" + start + "," + end + ")";
    }
}
