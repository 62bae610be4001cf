package io.vigil.models.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The model inputs drift is measured on, computed by one code path for the reference (training data) and the
 * stream (scored events), so both sides measure the same thing.
 *
 * <ul>
 *   <li>text models: {@code text_length} (characters) and {@code vocab_coverage} (share of the text's words that
 *       are whole words of the model's vocabulary; the rest the tokenizer splits into pieces);</li>
 *   <li>tabular models: every numeric feature by name, except the one-hot {@code type_*} / {@code category_*}
 *       columns, which are measured as the two categorical inputs {@code type} and {@code category} (the column
 *       that is set, e.g. {@code cash_out}; {@code none} when none is).</li>
 * </ul>
 */
public final class ModelInputs {

    public static final String TEXT_LENGTH = "text_length";
    public static final String VOCAB_COVERAGE = "vocab_coverage";
    public static final List<String> ONE_HOT_PREFIXES = List.of("type_", "category_");
    // the BERT pre-tokenizer splits on whitespace and punctuation; words are the runs of letters and digits
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private ModelInputs() {}

    public static Map<String, Double> text(String text, Set<String> vocabulary) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(TEXT_LENGTH, (double) text.length());
        m.put(VOCAB_COVERAGE, coverage(text, vocabulary));
        return m;
    }

    /** Share of words found whole in the vocabulary (lower-cased like the tokenizer); 1 for a text without words. */
    public static double coverage(String text, Set<String> vocabulary) {
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        int words = 0;
        int known = 0;
        while (m.find()) {
            words++;
            if (vocabulary.contains(m.group())) known++;
        }
        return words == 0 ? 1.0 : (double) known / words;
    }

    /** The numeric tabular inputs: every feature but the one-hot columns. */
    public static Map<String, Double> tabularNumeric(Map<String, Double> features) {
        Map<String, Double> m = new LinkedHashMap<>();
        features.forEach((k, v) -> {
            if (ONE_HOT_PREFIXES.stream().noneMatch(k::startsWith)) m.put(k, v);
        });
        return m;
    }

    /** The categorical tabular inputs rebuilt from the one-hot columns: {@code type} and {@code category}. */
    public static Map<String, String> tabularCategorical(Map<String, Double> features) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String prefix : ONE_HOT_PREFIXES) {
            String value = "none";
            for (var e : features.entrySet()) {
                if (e.getKey().startsWith(prefix) && e.getValue() != null && e.getValue() >= 0.5) {
                    value = e.getKey().substring(prefix.length());
                    break;
                }
            }
            m.put(prefix.substring(0, prefix.length() - 1), value);
        }
        return m;
    }

    /** Feature rows as name -> value maps (training keeps rows as arrays in feature-spec order). */
    public static Map<String, Double> row(List<String> names, float[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) m.put(names.get(i), (double) values[i]);
        return m;
    }
}
