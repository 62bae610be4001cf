package io.vigil.ingest.stream;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Text normalisation shared by the topologies: Unicode NFC, control characters out, whitespace collapsed. */
public final class Text {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern ANY_SPACE = Pattern.compile("[\\s\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]+");
    private static final Pattern LINE_SPACE = Pattern.compile("[\\t\\x0B\\f\\r \\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]+");
    private static final Pattern MANY_NEWLINES = Pattern.compile("\\n(?: ?\\n){2,}");

    private Text() {
    }

    /** One line: NFC, every whitespace run (newlines included) -> one space, trimmed. Null stays null. */
    public static String oneLine(String s) {
        if (s == null) return null;
        String t = CONTROL.matcher(Normalizer.normalize(s, Normalizer.Form.NFC)).replaceAll("");
        return ANY_SPACE.matcher(t).replaceAll(" ").strip();
    }

    /**
     * Paragraphs kept (clinical notes are structured by line): NFC, \r\n -> \n, runs of other whitespace ->
     * one space, more than one blank line -> one, lines trimmed.
     */
    public static String paragraphs(String s) {
        if (s == null) return null;
        String t = Normalizer.normalize(s, Normalizer.Form.NFC).replace("\r\n", "\n");
        t = CONTROL.matcher(t).replaceAll("");
        t = LINE_SPACE.matcher(t).replaceAll(" ");
        t = t.replace(" \n", "\n").replace("\n ", "\n");
        return MANY_NEWLINES.matcher(t).replaceAll("\n\n").strip();
    }
}
