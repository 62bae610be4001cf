package io.vigil.monitors.fairness;

import io.vigil.models.metrics.GroupMetrics.Tally;

import java.util.Map;
import java.util.TreeMap;

/** The window aggregate of one (domain, model): per attribute, a tally per group. */
public record GroupWindow(Map<String, Map<String, Tally>> attributes) {

    public GroupWindow {
        attributes = attributes == null ? new TreeMap<>() : attributes;
    }

    public static GroupWindow empty() {
        return new GroupWindow(null);
    }

    /** Adds in place: the aggregator owns the instance it was given (Streams hands it a fresh copy from the store). */
    public GroupWindow add(Observation o) {
        o.groups().forEach((attribute, group) -> {
            Map<String, Tally> groups = attributes.computeIfAbsent(attribute, a -> new TreeMap<>());
            Tally t = groups.getOrDefault(group, Tally.EMPTY);
            groups.put(group, o.labelled() ? t.labelled(o.flagged(), o.actualPositive()) : t.scored(o.flagged(), o.score()));
        });
        return this;
    }
}
