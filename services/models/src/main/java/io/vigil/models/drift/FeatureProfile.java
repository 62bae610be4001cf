package io.vigil.models.drift;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference distribution of one model input (or of the score).
 *
 * <ul>
 *   <li>{@code numeric}: {@code edges} e_1 < ... < e_k (the reference's deciles, de-duplicated); bin 0 holds
 *       x <= e_1, bin i holds e_i < x <= e_{i+1}, bin k holds x > e_k; {@code proportions} has k + 1 entries.</li>
 *   <li>{@code categorical}: {@code categories} value -> share; values never seen in the reference count in
 *       {@link #OTHER}.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureProfile(String kind, List<Double> edges, List<Double> proportions, Map<String, Double> categories) {

    public static final String NUMERIC = "numeric";
    public static final String CATEGORICAL = "categorical";
    /** The bucket of categories the reference never saw. */
    public static final String OTHER = "__other__";

    public FeatureProfile {
        if (!NUMERIC.equals(kind) && !CATEGORICAL.equals(kind)) throw new IllegalArgumentException("unknown feature kind " + kind);
        if (NUMERIC.equals(kind)) {
            if (edges == null || proportions == null || proportions.size() != edges.size() + 1)
                throw new IllegalArgumentException("a numeric profile needs k edges and k + 1 proportions");
            edges = List.copyOf(edges);
            proportions = List.copyOf(proportions);
        } else {
            if (categories == null || categories.isEmpty()) throw new IllegalArgumentException("a categorical profile needs categories");
            categories = Collections.unmodifiableMap(new TreeMap<>(categories));
        }
    }

    public boolean numeric() {
        return NUMERIC.equals(kind);
    }

    /** Number of bins (numeric) or categories including {@link #OTHER} (categorical). */
    public int size() {
        return numeric() ? proportions.size() : orderedCategories().size();
    }

    /** The bin of a numeric value (NaN counts in the last bin: it is never expected). */
    public int bin(double x) {
        if (Double.isNaN(x)) return edges.size();
        for (int i = 0; i < edges.size(); i++) if (x <= edges.get(i)) return i;
        return edges.size();
    }

    /** The reference's categories in a fixed order, {@link #OTHER} last. */
    public List<String> orderedCategories() {
        List<String> out = new ArrayList<>(categories.keySet());
        out.remove(OTHER);
        out.add(OTHER);
        return out;
    }

    /** The index of a categorical value in {@link #orderedCategories()}. */
    public int category(String value) {
        List<String> c = orderedCategories();
        int i = value == null ? -1 : c.indexOf(value);
        return i < 0 ? c.size() - 1 : i;
    }

    /** The reference proportions in bin / category order. */
    public double[] expected() {
        if (numeric()) return proportions.stream().mapToDouble(Double::doubleValue).toArray();
        return orderedCategories().stream().mapToDouble(c -> categories.getOrDefault(c, 0.0)).toArray();
    }
}
