package io.vigil.monitors.privacy;

import java.util.Map;
import java.util.TreeMap;

/** The exact per-cell totals of one dataset window. Never published: only {@link PublicSummaries}' noisy values are. */
public record CellTotals(Map<String, Cell> cells) {

    public record Cell(long count, double sum) {
    }

    /** One event's contribution: its cell and (for means) its value, already clamped to the declared range. */
    public record Contribution(String cell, double value) {
    }

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
