package io.vigil.ingest.stream;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small, honest language guess, good enough to tag and route, not to translate:
 * <ol>
 *   <li>a tag the source gave wins (lower-cased primary subtag, e.g. {@code en-US} -> {@code en});</li>
 *   <li>else the dominant script decides where it is unambiguous (Han -> zh, kana -> ja, Hangul -> ko,
 *       Greek -> el, Hebrew -> he, Thai -> th, Arabic -> ar, Cyrillic -> ru, Devanagari -> hi);</li>
 *   <li>else, for Latin script, counts of a dozen function words per language (en, de, fr, es, it, pt, nl);
 *       the best wins if it has at least 2 hits and beats English;</li>
 *   <li>else {@code en} (the bundled feeds and datasets are English; short headlines rarely carry enough signal).</li>
 * </ol>
 */
public final class LanguageDetector {

    private static final Map<String, Set<String>> STOPWORDS = Map.of(
            "en", Set.of("the", "and", "of", "to", "in", "is", "for", "on", "with", "that", "as", "at", "by", "from"),
            "de", Set.of("der", "die", "das", "und", "nicht", "mit", "ist", "für", "auf", "dem", "den", "ein", "eine", "zu"),
            "fr", Set.of("le", "la", "les", "et", "des", "est", "pour", "dans", "une", "du", "sur", "pas", "au", "avec"),
            "es", Set.of("el", "los", "las", "y", "del", "por", "para", "una", "con", "que", "en", "es", "se", "al"),
            "it", Set.of("il", "gli", "della", "di", "che", "per", "una", "non", "con", "del", "sono", "nel", "alla", "è"),
            "pt", Set.of("os", "as", "do", "da", "que", "não", "para", "uma", "com", "em", "dos", "das", "ao", "é"),
            "nl", Set.of("de", "het", "een", "en", "van", "niet", "met", "voor", "op", "dat", "zijn", "ook", "bij", "naar"));

    private LanguageDetector() {
    }

    public static String detect(String given, String text) {
        if (given != null && !given.isBlank()) {
            String primary = given.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
            if (primary.matches("[a-z]{2,3}")) return primary;
        }
        if (text == null || text.isBlank()) return "en";
        String script = dominantScript(text);
        if (script != null) return script;
        return byFunctionWords(text);
    }

    private static String dominantScript(String text) {
        int letters = 0;
        Map<Character.UnicodeScript, Integer> counts = new java.util.EnumMap<>(Character.UnicodeScript.class);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            letters++;
            counts.merge(Character.UnicodeScript.of(cp), 1, Integer::sum);
        }
        if (letters == 0) return null;
        int kana = counts.getOrDefault(Character.UnicodeScript.HIRAGANA, 0) + counts.getOrDefault(Character.UnicodeScript.KATAKANA, 0);
        if (kana * 10 >= letters) return "ja";
        Character.UnicodeScript top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return switch (top) {
            case HAN -> "zh";
            case HANGUL -> "ko";
            case GREEK -> "el";
            case HEBREW -> "he";
            case THAI -> "th";
            case ARABIC -> "ar";
            case CYRILLIC -> "ru";
            case DEVANAGARI -> "hi";
            default -> null;
        };
    }

    private static String byFunctionWords(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        Map<String, Integer> hits = new java.util.HashMap<>();
        for (String w : words) {
            if (w.isEmpty()) continue;
            STOPWORDS.forEach((lang, set) -> {
                if (set.contains(w)) hits.merge(lang, 1, Integer::sum);
            });
        }
        int en = hits.getOrDefault("en", 0);
        return hits.entrySet().stream()
                .filter(e -> !e.getKey().equals("en") && e.getValue() >= 2 && e.getValue() > en)
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse("en");
    }
}
