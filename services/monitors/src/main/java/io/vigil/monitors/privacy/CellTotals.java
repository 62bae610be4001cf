package io.vigil.monitors.privacy;

import java.util.Map;
import java.util.TreeMap;

/** The exact per-cell totals of one dataset window. Never published: only {@link PublicSummaries}' noisy values are. */
public record CellTotals(Map<String, Cell> cells) {

    public record Cell(long count, double sum) {
    }

    /** One event's contribution: its cell and (for means) its value, already clamped to the declared range. */
    public record Contribution(String cell, double value) {
        public static final io.vigil.monitors.StateSerde.Codec<Contribution> CODEC = new io.vigil.monitors.StateSerde.Codec<>() {
            @Override
            public void write(java.io.DataOutput out, Contribution c) throws java.io.IOException {
                out.writeUTF(c.cell());
                out.writeDouble(c.value());
            }

            @Override
            public Contribution read(java.io.DataInput in) throws java.io.IOException {
                return new Contribution(in.readUTF(), in.readDouble());
            }
        };
    }

    public static final io.vigil.monitors.StateSerde.Codec<CellTotals> CODEC = new io.vigil.monitors.StateSerde.Codec<>() {
        @Override
        public void write(java.io.DataOutput out, CellTotals t) throws java.io.IOException {
            io.vigil.monitors.StateSerde.writeVar(out, t.cells().size());
            for (Map.Entry<String, Cell> e : t.cells().entrySet()) {
                out.writeUTF(e.getKey());
                io.vigil.monitors.StateSerde.writeVar(out, e.getValue().count());
                out.writeDouble(e.getValue().sum());
            }
        }

        @Override
        public CellTotals read(java.io.DataInput in) throws java.io.IOException {
            int n = (int) io.vigil.monitors.StateSerde.readVar(in);
            Map<String, Cell> cells = new TreeMap<>();
            for (int i = 0; i < n; i++) cells.put(in.readUTF(), new Cell(io.vigil.monitors.StateSerde.readVar(in), in.readDouble()));
            return new CellTotals(cells);
        }
    };

    public CellTotals {
        cells = cells == null ? new TreeMap<>() : cells;
    }

    public static CellTotals empty() {
        return new CellTotals(null);
    }

    public CellTotals add(Contribution c) {
        Map<String, Cell> next = new TreeMap<>(cells);
        Cell old = next.getOrDefault(c.cell(), new Cell(0, 0));
        next.put(c.cell(), new Cell(old.count() + 1, old.sum() + c.value()));
        return new CellTotals(next);
    }
}
