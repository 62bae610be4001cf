package io.vigil.monitors.fairness;

import java.util.Map;

/** What a correction needs from the scored event it corrects: its domain, model and group attributes. */
public record Subject(String domain, String model, Map<String, String> groups) {
    public static final io.vigil.monitors.StateSerde.Codec<Subject> CODEC = new io.vigil.monitors.StateSerde.Codec<>() {
        @Override
        public void write(java.io.DataOutput out, Subject v) throws java.io.IOException {
            out.writeUTF(v.domain());
            out.writeUTF(v.model());
            io.vigil.monitors.StateSerde.writeStrings(out, v.groups());
        }

        @Override
        public Subject read(java.io.DataInput in) throws java.io.IOException {
            return new Subject(in.readUTF(), in.readUTF(), io.vigil.monitors.StateSerde.readStrings(in));
        }
    };

}
