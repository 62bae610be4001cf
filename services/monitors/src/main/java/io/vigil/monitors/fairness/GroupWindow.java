package io.vigil.monitors.fairness;

import io.vigil.models.metrics.GroupMetrics.Tally;

import java.util.Map;
import java.util.TreeMap;

/** The window aggregate of one (domain, model, attribute): a tally per group. */
public record GroupWindow(Map<String, Tally> groups) {

    public GroupWindow {
        groups = groups == null ? new TreeMap<>() : new TreeMap<>(groups);
    }

    public static GroupWindow empty() {
        return new GroupWindow(null);
    }

    public GroupWindow add(Observation o) {
        Map<String, Tally> next = new TreeMap<>(groups);
        Tally t = next.getOrDefault(o.group(), Tally.EMPTY);
        next.put(o.group(), o.labelled() ? t.labelled(o.flagged(), o.actualPositive()) : t.scored(o.flagged(), o.score()));
        return new GroupWindow(next);
    }
}
