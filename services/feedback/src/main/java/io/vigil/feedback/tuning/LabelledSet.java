package io.vigil.feedback.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Model inputs (texts, or feature rows in the model's feature order) with their label index (in the
 * model's label order).
 */
public record LabelledSet<I>(List<I> inputs, int[] labels) {

    public LabelledSet {
        if (inputs.size() != labels.length) throw new IllegalArgumentException("inputs and labels differ in size");
        inputs = List.copyOf(inputs);
    }

    public int size() {
        return inputs.size();
    }

    public static <I> LabelledSet<I> of(List<I> inputs, List<Integer> labels) {
        return new LabelledSet<>(inputs, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    public LabelledSet<I> concat(LabelledSet<I> other) {
        List<I> t = new ArrayList<>(inputs);
        t.addAll(other.inputs);
        int[] l = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        return new LabelledSet<>(t, l);
    }

    public LabelledSet<I> pick(int[] idx) {
        return new LabelledSet<>(Arrays.stream(idx).mapToObj(inputs::get).toList(), Arrays.stream(idx).map(i -> labels[i]).toArray());
    }

    public LabelledSet<I> head(int n) {
        int k = Math.min(n, size());
        return new LabelledSet<>(inputs.subList(0, k), Arrays.copyOf(labels, k));
    }

    /** Keeps the examples whose input the predicate accepts. */
    public LabelledSet<I> filter(Function<I, Boolean> keep) {
        List<I> t = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (keep.apply(inputs.get(i))) {
                t.add(inputs.get(i));
                l.add(labels[i]);
            }
        }
        return of(t, l);
    }
}
