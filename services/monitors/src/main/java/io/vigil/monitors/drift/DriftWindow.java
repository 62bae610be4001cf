package io.vigil.monitors.drift;

import java.util.Map;
import java.util.TreeMap;

/** The window aggregate of one (domain, model, version): events counted, and per input the count of each bin. */
public record DriftWindow(long count, Map<String, Map<Integer, Long>> bins) {

    public DriftWindow {
        bins = bins == null ? new TreeMap<>() : bins;
    }

    public static final io.vigil.monitors.StateSerde.Codec<DriftWindow> CODEC = new io.vigil.monitors.StateSerde.Codec<>() {
        @Override
        public void write(java.io.DataOutput out, DriftWindow w) throws java.io.IOException {
            io.vigil.monitors.StateSerde.writeVar(out, w.count());
            io.vigil.monitors.StateSerde.writeVar(out, w.bins().size());
            for (Map.Entry<String, Map<Integer, Long>> f : w.bins().entrySet()) {
                out.writeUTF(f.getKey());
                io.vigil.monitors.StateSerde.writeVar(out, f.getValue().size());
                for (Map.Entry<Integer, Long> b : f.getValue().entrySet()) {
                    io.vigil.monitors.StateSerde.writeVar(out, b.getKey());
                    io.vigil.monitors.StateSerde.writeVar(out, b.getValue());
                }
            }
        }

        @Override
        public DriftWindow read(java.io.DataInput in) throws java.io.IOException {
            long count = io.vigil.monitors.StateSerde.readVar(in);
            int nf = (int) io.vigil.monitors.StateSerde.readVar(in);
            Map<String, Map<Integer, Long>> bins = new TreeMap<>();
            for (int i = 0; i < nf; i++) {
                String name = in.readUTF();
                int nb = (int) io.vigil.monitors.StateSerde.readVar(in);
                Map<Integer, Long> m = new TreeMap<>();
                for (int j = 0; j < nb; j++) m.put((int) io.vigil.monitors.StateSerde.readVar(in), io.vigil.monitors.StateSerde.readVar(in));
                bins.put(name, m);
            }
            return new DriftWindow(count, bins);
        }
    };

    public static DriftWindow empty() {
        return new DriftWindow(0, null);
    }

    /** Counts in place: the aggregator owns the instance it was given (Streams hands it a fresh copy from the store). */
    public DriftWindow add(Map<String, Integer> observation) {
        observation.forEach((f, b) -> bins.computeIfAbsent(f, x -> new TreeMap<>()).merge(b, 1L, Long::sum));
        return new DriftWindow(count + 1, bins);
    }
}
