package io.vigil.indexer;

import java.util.TreeSet;

/**
 * Which offsets of one assigned partition are still in flight, so that the committed offset never passes a
 * record Elasticsearch has not acknowledged. Offsets are dispatched in order by the consumer thread and
 * acknowledged in any order by bulk callbacks; the committable offset is the lowest one still in flight (or
 * the one after the last dispatched when none is). A new instance is made on every assignment, so a late
 * acknowledgement for a revoked partition lands on a dropped object and changes nothing.
 */
final class PartitionProgress {

    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long next = -1;
    private long committed = -1;
    private volatile boolean revoked;

    synchronized void dispatched(long offset) {
        if (offset < next) throw new IllegalStateException("offset " + offset + " dispatched after " + (next - 1));
        inFlight.add(offset);
        next = offset + 1;
    }

    /** True when the offset was in flight here (false after a revoke or a second acknowledgement). */
    synchronized boolean acked(long offset) {
        return inFlight.remove(offset);
    }

    /** The offset to commit (the next record to read after a restart), or -1 when nothing was dispatched. */
    synchronized long committable() {
        return inFlight.isEmpty() ? next : inFlight.first();
    }

    synchronized int inFlightCount() {
        return inFlight.size();
    }

    /** The committable offset if it moved since the last {@link #markCommitted}, else -1. */
    synchronized long toCommit() {
        long c = committable();
        return c > committed ? c : -1;
    }

    synchronized void markCommitted(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Marks the partition gone; returns how many offsets were still in flight (they will never be acknowledged here). */
    synchronized int revoke() {
        revoked = true;
        int n = inFlight.size();
        inFlight.clear();
        return n;
    }

    boolean revoked() {
        return revoked;
    }
}
