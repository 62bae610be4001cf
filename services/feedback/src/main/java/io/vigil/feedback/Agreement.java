package io.vigil.feedback;

import io.vigil.topics.events.Correction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Inter-annotator agreement on events corrected by two or more analysts: Cohen's kappa per analyst pair
 * (all labels) and per label (that label vs the rest, pooled over every pair).
 */
public final class Agreement {

    private Agreement() {}

    /** Cohen's kappa of two raters' labels on the same items; null when undefined (no items). */
    public static Double kappa(List<String> a, List<String> b) {
        int n = a.size();
        if (n == 0 || n != b.size()) return null;
        Map<String, Integer> ca = new TreeMap<>();
        Map<String, Integer> cb = new TreeMap<>();
        int same = 0;
        for (int i = 0; i < n; i++) {
            if (a.get(i).equals(b.get(i))) same++;
            ca.merge(a.get(i), 1, Integer::sum);
            cb.merge(b.get(i), 1, Integer::sum);
        }
        double po = same / (double) n;
        double pe = 0;
        for (var e : ca.entrySet()) pe += (e.getValue() / (double) n) * (cb.getOrDefault(e.getKey(), 0) / (double) n);
        if (pe >= 1.0) return po >= 1.0 ? 1.0 : 0.0; // both raters used one label throughout
        return (po - pe) / (1 - pe);
    }

    public static Map<String, Object> report(List<Correction> corrections) {
        // event -> analyst -> label (the latest correction of each analyst counts)
        Map<String, Map<String, String>> byEvent = new LinkedHashMap<>();
        for (Correction c : corrections) byEvent.computeIfAbsent(c.eventId(), k -> new TreeMap<>()).put(c.analyst(), c.correctedLabel());
        Map<String, List<String[]>> pairs = new TreeMap<>();
        TreeSet<String> labels = new TreeSet<>();
        for (Map<String, String> m : byEvent.values()) {
            List<String> analysts = new ArrayList<>(m.keySet());
            for (int i = 0; i < analysts.size(); i++)
                for (int j = i + 1; j < analysts.size(); j++) {
                    String a = analysts.get(i), b = analysts.get(j);
                    pairs.computeIfAbsent(a + "|" + b, k -> new ArrayList<>()).add(new String[] {m.get(a), m.get(b)});
                    labels.add(m.get(a));
                    labels.add(m.get(b));
                }
        }
        List<Map<String, Object>> perPair = new ArrayList<>();
        List<String[]> pooled = new ArrayList<>();
        pairs.forEach((key, rows) -> {
            String[] ab = key.split("\\|", 2);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("analysts", List.of(ab[0], ab[1]));
            p.put("items", rows.size());
            p.put("kappa", kappa(rows.stream().map(r -> r[0]).toList(), rows.stream().map(r -> r[1]).toList()));
            perPair.add(p);
            pooled.addAll(rows);
        });
        Map<String, Object> perLabel = new LinkedHashMap<>();
        for (String l : labels) {
            perLabel.put(l, kappa(pooled.stream().map(r -> r[0].equals(l) ? l : "other").toList(),
                    pooled.stream().map(r -> r[1].equals(l) ? l : "other").toList()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("doublyReviewedItems", pooled.size());
        out.put("overallKappa", kappa(pooled.stream().map(r -> r[0]).toList(), pooled.stream().map(r -> r[1]).toList()));
        out.put("pairs", perPair);
        out.put("labels", perLabel);
        return out;
    }
}
