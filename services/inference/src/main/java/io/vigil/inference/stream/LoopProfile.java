package io.vigil.inference.stream;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a scoring loop's time goes, per phase of a transaction (wall clock, summed over transactions).
 * Cheap enough to be always on (a few nanoTime calls per transaction); read by the bench and the logs.
 */
public final class LoopProfile {

    /** The phases of one transaction, in order. */
    public enum Phase {
        /** consumer.poll calls that returned records */
        POLL,
        /** begin, bytes -> events -> model inputs, and queueing them (includes waiting for queue room) */
        DECODE,
        /** waiting for the model pools' results */
        SCORE_WAIT,
        /** results -> scored events, review items -> bytes */
        ENCODE,
        /** producer.send of every output record */
        SEND,
        SEND_OFFSETS,
        COMMIT
    }

    private final EnumMap<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);
    private final LongAdder transactions = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder emptyPollNanos = new LongAdder();
    private final LongAdder cpuNanos = new LongAdder();

    public LoopProfile() {
        for (Phase p : Phase.values()) nanos.put(p, new LongAdder());
    }

    void add(Phase phase, long n) {
        nanos.get(phase).add(n);
    }

    void emptyPoll(long n) {
        emptyPollNanos.add(n);
    }

    /** CPU time the loop thread used (all phases, idle polls included). */
    void cpu(long n) {
        cpuNanos.add(n);
    }

    void transaction(int recordCount) {
        transactions.increment();
        records.add(recordCount);
    }

    public long transactions() {
        return transactions.sum();
    }

    /** Starts over (the bench resets after its warm-up). */
    public void reset() {
        nanos.values().forEach(LongAdder::reset);
        transactions.reset();
        records.reset();
        emptyPollNanos.reset();
        cpuNanos.reset();
    }

    /** Milliseconds per phase and per transaction, summed over every loop sharing this profile. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        long tx = Math.max(1, transactions.sum());
        m.put("transactions", transactions.sum());
        m.put("records", records.sum());
        m.put("recordsPerTransaction", Math.round(records.sum() * 10.0 / tx) / 10.0);
        Map<String, Object> per = new LinkedHashMap<>();
        for (Phase p : Phase.values()) per.put(p.name().toLowerCase(java.util.Locale.ROOT), Math.round(nanos.get(p).sum() / 1e4 / tx) / 100.0);
        m.put("msPerTransaction", per);
        m.put("emptyPollMs", Math.round(emptyPollNanos.sum() / 1e6));
        // CPU the loop thread itself used per transaction: the phases above are wall clock (they include waits
        // and, on a busy box, time spent runnable but not running)
        m.put("loopCpuMsPerTransaction", Math.round(cpuNanos.sum() / 1e4 / tx) / 100.0);
        return m;
    }
}
