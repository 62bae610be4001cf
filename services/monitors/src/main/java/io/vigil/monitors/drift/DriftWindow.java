package io.vigil.monitors.drift;

import java.util.Map;
import java.util.TreeMap;

/** The window aggregate of one (domain, model, version): events counted, and per input the count of each bin. */
public record DriftWindow(long count, Map<String, Map<Integer, Long>> bins) {

    public DriftWindow {
        bins = bins == null ? new TreeMap<>() : bins;
    }

    public static DriftWindow empty() {
        return new DriftWindow(0, null);
    }

    /** Counts in place: the aggregator owns the instance it was given (Streams hands it a fresh copy from the store). */
    public DriftWindow add(Map<String, Integer> observation) {
        observation.forEach((f, b) -> bins.computeIfAbsent(f, x -> new TreeMap<>()).merge(b, 1L, Long::sum));
        return new DriftWindow(count + 1, bins);
    }
}
