package io.vigil.monitors.fairness;

import io.vigil.models.metrics.GroupMetrics.Tally;

import java.util.Map;
import java.util.TreeMap;

/** The window aggregate of one (domain, model): per attribute, a tally per group. */
public record GroupWindow(Map<String, Map<String, Tally>> attributes) {

    public GroupWindow {
        attributes = attributes == null ? new TreeMap<>() : attributes;
    }

    public static final io.vigil.monitors.StateSerde.Codec<GroupWindow> CODEC = new io.vigil.monitors.StateSerde.Codec<>() {
        @Override
        public void write(java.io.DataOutput out, GroupWindow w) throws java.io.IOException {
            io.vigil.monitors.StateSerde.writeVar(out, w.attributes().size());
            for (Map.Entry<String, Map<String, Tally>> a : w.attributes().entrySet()) {
                out.writeUTF(a.getKey());
                io.vigil.monitors.StateSerde.writeVar(out, a.getValue().size());
                for (Map.Entry<String, Tally> g : a.getValue().entrySet()) {
                    Tally t = g.getValue();
                    out.writeUTF(g.getKey());
                    io.vigil.monitors.StateSerde.writeVar(out, t.n());
                    io.vigil.monitors.StateSerde.writeVar(out, t.flagged());
                    out.writeDouble(t.scoreSum());
                    io.vigil.monitors.StateSerde.writeVar(out, t.tp());
                    io.vigil.monitors.StateSerde.writeVar(out, t.fp());
                    io.vigil.monitors.StateSerde.writeVar(out, t.tn());
                    io.vigil.monitors.StateSerde.writeVar(out, t.fn());
                }
            }
        }

        @Override
        public GroupWindow read(java.io.DataInput in) throws java.io.IOException {
            int na = (int) io.vigil.monitors.StateSerde.readVar(in);
            Map<String, Map<String, Tally>> attributes = new TreeMap<>();
            for (int i = 0; i < na; i++) {
                String attribute = in.readUTF();
                int ng = (int) io.vigil.monitors.StateSerde.readVar(in);
                Map<String, Tally> groups = new TreeMap<>();
                for (int j = 0; j < ng; j++) {
                    groups.put(in.readUTF(), new Tally(io.vigil.monitors.StateSerde.readVar(in), io.vigil.monitors.StateSerde.readVar(in), in.readDouble(), io.vigil.monitors.StateSerde.readVar(in), io.vigil.monitors.StateSerde.readVar(in),
                            io.vigil.monitors.StateSerde.readVar(in), io.vigil.monitors.StateSerde.readVar(in)));
                }
                attributes.put(attribute, groups);
            }
            return new GroupWindow(attributes);
        }
    };

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
