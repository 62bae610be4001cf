package io.vigil.feedback.tuning;

import java.util.ArrayList;
import java.util.List;

/** Texts with their label index (in the model's label order). */
public record LabelledSet(List<String> texts, int[] labels) {

    public LabelledSet {
        if (texts.size() != labels.length) throw new IllegalArgumentException("texts and labels differ in size");
        texts = List.copyOf(texts);
    }

    public int size() {
        return texts.size();
    }

    public static LabelledSet of(List<String> texts, List<Integer> labels) {
        return new LabelledSet(texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    public LabelledSet concat(LabelledSet other) {
        List<String> t = new ArrayList<>(texts);
        t.addAll(other.texts);
        int[] l = java.util.Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        return new LabelledSet(t, l);
    }
}
