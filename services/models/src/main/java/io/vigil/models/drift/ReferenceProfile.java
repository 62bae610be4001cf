package io.vigil.models.drift;

import io.vigil.models.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * reference-profile.json of a model version: the distribution of each input the model sees and of its score, on
 * the data it was trained on. The drift monitor compares live windows against it (PSI, Jensen-Shannon).
 *
 * @param rows     how many reference rows the profile summarises
 * @param features input name -> profile; the score is {@link #SCORE}
 */
public record ReferenceProfile(String model, String version, String createdAt, long rows, String data,
                               Map<String, FeatureProfile> features) {

    public static final String FILE = "reference-profile.json";
    /** The model's score as published on scored events (Score.score). */
    public static final String SCORE = "score";
    public static final int DEFAULT_BINS = 10;

    public ReferenceProfile {
        features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    public void write(Path versionDir) {
        Json.write(versionDir.resolve(FILE), this);
    }

    public static Optional<ReferenceProfile> read(Path versionDir) {
        Path f = versionDir.resolve(FILE);
        return Files.isRegularFile(f) ? Optional.of(Json.read(f, ReferenceProfile.class)) : Optional.empty();
    }

    public static Builder builder(String model, String version, String data) {
        return new Builder(model, version, data);
    }

    /** Collects reference values, then cuts numeric inputs at their deciles. */
    public static final class Builder {
        private final String model;
        private final String version;
        private final String data;
        private final Map<String, List<Double>> numeric = new LinkedHashMap<>();
        private final Map<String, Map<String, Long>> categorical = new LinkedHashMap<>();
        private long rows;

        private Builder(String model, String version, String data) {
            this.model = model;
            this.version = version;
            this.data = data;
        }

        public Builder numeric(String name, double value) {
            if (!Double.isNaN(value)) numeric.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder categorical(String name, String value) {
            categorical.computeIfAbsent(name, k -> new TreeMap<>()).merge(value == null ? FeatureProfile.OTHER : value, 1L, Long::sum);
            return this;
        }

        /** Counts one reference row (call once per row). */
        public Builder row() {
            rows++;
            return this;
        }

        public ReferenceProfile build() {
            return build(DEFAULT_BINS);
        }

        public ReferenceProfile build(int bins) {
            Map<String, FeatureProfile> out = new LinkedHashMap<>();
            numeric.forEach((name, values) -> out.put(name, numericProfile(values, bins)));
            categorical.forEach((name, counts) -> {
                long n = counts.values().stream().mapToLong(Long::longValue).sum();
                Map<String, Double> shares = new TreeMap<>();
                counts.forEach((c, k) -> shares.put(c, (double) k / n));
                shares.putIfAbsent(FeatureProfile.OTHER, 0.0);
                out.put(name, new FeatureProfile(FeatureProfile.CATEGORICAL, null, null, shares));
            });
            return new ReferenceProfile(model, version, Instant.now().toString(), rows, data, out);
        }

        static FeatureProfile numericProfile(List<Double> values, int bins) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            List<Double> edges = new ArrayList<>();
            for (int q = 1; q < bins; q++) {
                double e = v[Math.min(v.length - 1, (int) Math.ceil(q * v.length / (double) bins) - 1)];
                if (edges.isEmpty() || e > edges.getLast()) edges.add(e);
            }
            FeatureProfile shape = new FeatureProfile(FeatureProfile.NUMERIC, edges, zeros(edges.size() + 1), null);
            long[] counts = new long[edges.size() + 1];
            for (double x : v) counts[shape.bin(x)]++;
            List<Double> p = Arrays.stream(io.vigil.models.metrics.Drift.proportions(counts)).boxed().toList();
            return new FeatureProfile(FeatureProfile.NUMERIC, edges, p, null);
        }

        private static List<Double> zeros(int n) {
            return new ArrayList<>(java.util.Collections.nCopies(n, 0.0));
        }
    }
}
