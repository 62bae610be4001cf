package io.vigil.monitors.fairness;

import java.util.Map;

/**
 * One event's contribution to its groups (attribute -> group): a scored event ({@code labelled = false}: flagged and
 * score) or an analyst's verdict ({@code labelled = true}: flagged = the model said positive, actualPositive = the
 * analyst did). One observation per event, whatever the number of attributes, so each event costs one
 * repartitioned record and one window update.
 */
public record Observation(Map<String, String> groups, boolean labelled, boolean flagged, double score, boolean actualPositive) {

    public static final io.vigil.monitors.StateSerde.Codec<Observation> CODEC = new io.vigil.monitors.StateSerde.Codec<>() {
        @Override
        public void write(java.io.DataOutput out, Observation o) throws java.io.IOException {
            io.vigil.monitors.StateSerde.writeStrings(out, o.groups());
            out.writeByte((o.labelled() ? 1 : 0) | (o.flagged() ? 2 : 0) | (o.actualPositive() ? 4 : 0));
            out.writeDouble(o.score());
        }

        @Override
        public Observation read(java.io.DataInput in) throws java.io.IOException {
            Map<String, String> g = io.vigil.monitors.StateSerde.readStrings(in);
            int flags = in.readByte();
            return new Observation(g, (flags & 1) != 0, (flags & 2) != 0, in.readDouble(), (flags & 4) != 0);
        }
    };

    public static Observation scored(Map<String, String> groups, boolean flagged, double score) {
        return new Observation(groups, false, flagged, score, false);
    }

    public static Observation verdict(Map<String, String> groups, boolean predictedPositive, boolean actualPositive) {
        return new Observation(groups, true, predictedPositive, 0, actualPositive);
    }
}
