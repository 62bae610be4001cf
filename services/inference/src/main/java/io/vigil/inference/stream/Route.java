package io.vigil.inference.stream;

import io.vigil.inference.workload.ModelKind;
import io.vigil.topics.Topic;
import io.vigil.topics.events.Attribution;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Score;
import java.util.Map;

/** How one domain's events are read, turned into model input and written back scored. */
interface Route<E> {

    Domain domain();

    Topic<String, E> input();

    Topic<String, ?> output();

    /** The model input of an event; Unscorable for what no model can score. */
    Prepared<E> prepare(E event, ModelKind kind, int maxTextChars) throws Unscorable;

    /** The scored event (same id and event time). */
    Object scored(E event, Score score, String source);

    String id(E event);

    /** Review context: de-identified / news text, or null. */
    default String reviewText(E event) {
        return null;
    }

    /** Review context: model features, or null. */
    default Map<String, Double> reviewFeatures(E event) {
        return null;
    }

    /**
     * Checks text and cuts it to maxChars (never inside a surrogate pair). Lone surrogates cannot be encoded
     * as UTF-8, so they are refused rather than silently replaced.
     */
    static String checkedText(String text, String what, int maxChars) throws Unscorable {
        if (text == null || text.isBlank()) throw new Unscorable(what + " is empty: nothing to score", "empty-text");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Unscorable(what + " has an unpaired UTF-16 surrogate at char " + i + " (not valid Unicode)", "not-utf8");
            }
        }
        if (text.length() <= maxChars) return text;
        int cut = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, cut);
    }

    static Attribution truncation(int kept, int total) {
        return Attribution.feature("[truncated: scored the first " + kept + " of " + total + " characters]", 0.0);
    }
}
