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

    public DriftWindow add(Map<String, Integer> observation) {
        Map<String, Map<Integer, Long>> next = new TreeMap<>();
        bins.forEach((f, m) -> next.put(f, new TreeMap<>(m)));
        observation.forEach((f, b) -> next.computeIfAbsent(f, x -> new TreeMap<>()).merge(b, 1L, Long::sum));
        return new DriftWindow(count + 1, next);
    }
}
