package io.vigil.ingest.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses hand-annotated text such as {@code Seen by Dr. <NAME>Alice Romero</NAME> on <DATE>03/04/2021</DATE>}
 * into the plain text and gold spans with offsets in that plain text. Tags are the {@link PhiType} names;
 * any other {@code <} is ordinary text. Tags do not nest.
 */
public final class GoldMarkup {

    private static final Pattern TAG;

    static {
        StringBuilder alt = new StringBuilder();
        for (PhiType t : PhiType.values()) {
            alt.append(alt.isEmpty() ? "" : "|").append(t.name());
        }
        TAG = Pattern.compile("<(/?)(" + alt + ")>");
    }

    /** Plain text plus gold spans (label = type name). */
    public record Parsed(String text, List<DeidEvaluation.GoldSpan> spans) {
    }

    private GoldMarkup() {
    }

    public static Parsed parse(String markup) {
        StringBuilder plain = new StringBuilder(markup.length());
        List<DeidEvaluation.GoldSpan> spans = new ArrayList<>();
        Matcher m = TAG.matcher(markup);
        int pos = 0;
        String open = null;
        int openAt = -1;
        while (m.find()) {
            plain.append(markup, pos, m.start());
            pos = m.end();
            boolean closing = !m.group(1).isEmpty();
            String type = m.group(2);
            if (!closing) {
                if (open != null) {
                    throw new IllegalArgumentException("nested tag <" + type + "> inside <" + open + ">");
                }
                open = type;
                openAt = plain.length();
            } else {
                if (!type.equals(open)) {
                    throw new IllegalArgumentException("unbalanced </" + type + ">");
                }
                if (plain.length() > openAt) {
                    spans.add(new DeidEvaluation.GoldSpan(type, openAt, plain.length()));
                }
                open = null;
            }
        }
        if (open != null) {
            throw new IllegalArgumentException("unclosed <" + open + ">");
        }
        plain.append(markup, pos, markup.length());
        return new Parsed(plain.toString(), spans);
    }
}
