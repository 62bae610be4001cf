package io.vigil.feedback;

import io.vigil.topics.events.DriftMetric;
import io.vigil.topics.events.FairnessMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest window the monitors service reported per model version (drift, {@code monitors.drift}) and per model
 * (fairness, {@code monitors.fairness}), read from the topics by {@link FeedbackLog}, so a promotion or rollback can
 * record them in the model card. Only the contracts are shared with the monitors service, never its code. A window
 * replaces the one before when it ends later; records of an older window are ignored.
 */
public final class MonitorReadings {

    private record Window<T>(Instant start, Instant end, Map<String, T> byKey) {}

    private final Map<String, Window<DriftMetric>> drift = new ConcurrentHashMap<>();
    private final Map<String, Window<FairnessMetric>> fairness = new ConcurrentHashMap<>();

    public void track(DriftMetric m) {
        add(drift, m.model() + "|" + m.modelVersion(), m.windowStart(), m.windowEnd(), m.feature(), m);
    }

    public void track(FairnessMetric m) {
        add(fairness, m.model(), m.windowStart(), m.windowEnd(), m.attribute() + "=" + m.group(), m);
    }

    private static <T> void add(Map<String, Window<T>> windows, String key, Instant start, Instant end, String item, T m) {
        windows.compute(key, (k, w) -> {
            if (w == null || end.isAfter(w.end())) w = new Window<>(start, end, new LinkedHashMap<>());
            else if (end.isBefore(w.end())) return w; // an older window, read late: the newer one stands
            Map<String, T> items = new LinkedHashMap<>(w.byKey());
            items.put(item, m); // a re-delivered record replaces its own earlier copy
            return new Window<>(w.start(), w.end(), items);
        });
    }

    /**
     * The latest drift window of a model version: max PSI and its input, the inputs past their bound (each with its
     * PSI), events; null when none was reported.
     */
    public Map<String, Object> drift(String model, String version) {
        Window<DriftMetric> w = drift.get(model + "|" + version);
        if (w == null) return null;
        DriftMetric worst = w.byKey().values().stream().max(Comparator.comparingDouble(DriftMetric::psi)).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelVersion", version);
        out.put("windowStart", w.start().toString());
        out.put("windowEnd", w.end().toString());
        out.put("events", w.byKey().values().stream().mapToLong(DriftMetric::count).max().orElse(0));
        out.put("inputs", w.byKey().size());
        out.put("maxPsi", round(worst.psi()));
        out.put("maxPsiInput", worst.feature());
        Map<String, Object> past = new LinkedHashMap<>();
        for (DriftMetric d : w.byKey().values()) {
            if (!d.breached()) continue;
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("psi", round(d.psi()));
            b.put("psiBound", d.psiBound());
            if (d.jensenShannon() != null) b.put("jensenShannon", round(d.jensenShannon()));
            past.put(d.feature(), b);
        }
        out.put("pastBound", past);
        return out;
    }

    /**
     * The latest fairness window of a model: each group's disparity to the best-off group of its attribute (parity
     * difference and ratio, four-fifths, equalised-odds gap, breaches), the largest parity difference and the
     * breaching groups; null when none was reported.
     */
    public Map<String, Object> fairness(String model) {
        Window<FairnessMetric> w = fairness.get(model);
        if (w == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("windowStart", w.start().toString());
        out.put("windowEnd", w.end().toString());
        double maxDiff = 0;
        List<String> breaches = new ArrayList<>();
        Map<String, Object> groups = new LinkedHashMap<>();
        for (Map.Entry<String, FairnessMetric> e : w.byKey().entrySet()) {
            FairnessMetric f = e.getValue();
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("events", f.events());
            g.put("alertRate", round(f.alertRate()));
            g.put("referenceGroup", f.referenceGroup());
            g.put("parityDifference", round(f.parityDifference()));
            g.put("parityRatio", round(f.parityRatio()));
            g.put("fourFifths", f.fourFifths());
            g.put("equalisedOddsDifference", round(f.equalisedOddsDifference()));
            g.put("breaches", f.breaches());
            groups.put(e.getKey(), g);
            if (f.parityDifference() != null) maxDiff = Math.max(maxDiff, f.parityDifference());
            for (String b : f.breaches()) breaches.add(e.getKey() + " " + b);
        }
        out.put("maxParityDifference", round(maxDiff));
        out.put("breaches", breaches);
        out.put("groups", groups);
        return out;
    }

    /** What a card records for the champion of a model at promotion or rollback. */
    public Map<String, Object> snapshot(String model, String championVersion) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("champion", championVersion);
        out.put("readAt", Instant.now().toString());
        Map<String, Object> d = drift(model, championVersion);
        out.put("drift", d != null ? d : "no drift window reported for " + model + " " + championVersion);
        Map<String, Object> f = fairness(model);
        out.put("fairness", f != null ? f : "no fairness window reported for " + model);
        return out;
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1e4) / 1e4;
    }
}
