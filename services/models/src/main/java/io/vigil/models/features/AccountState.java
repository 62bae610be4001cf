package io.vigil.models.features;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Per-account history, a plain compact value a Kafka Streams state store can hold (see
 * {@link #toBytes()}/{@link #fromBytes(byte[])}). Keeps the last 24 h of (time, amount) in
 * event-time order (at most {@link #MAX_RECENT}; older entries beyond that are dropped, which only
 * under-counts accounts with more than that many transactions a day), lifetime count and sum for
 * the running average, the last event time, and the hashes of up to {@link #MAX_COUNTERPARTIES}
 * most recently new counterparties (first-seen check; oldest forgotten first).
 */
public final class AccountState {

    public static final int MAX_RECENT = 256;
    public static final int MAX_COUNTERPARTIES = 64;
    private static final byte FORMAT = 1;

    long count;
    double sum;
    long lastTime = Long.MIN_VALUE;
    long[] recentTimes = new long[0];
    double[] recentAmounts = new double[0];
    long[] counterparties = new long[0];

    public AccountState() {}

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public long lastTime() {
        return lastTime;
    }

    public int recentSize() {
        return recentTimes.length;
    }

    public int counterpartySize() {
        return counterparties.length;
    }

    AccountState copy() {
        AccountState s = new AccountState();
        s.count = count;
        s.sum = sum;
        s.lastTime = lastTime;
        s.recentTimes = recentTimes.clone();
        s.recentAmounts = recentAmounts.clone();
        s.counterparties = counterparties.clone();
        return s;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 8 + 4 + recentTimes.length * 16 + 4 + counterparties.length * 8);
        b.put(FORMAT).putLong(count).putDouble(sum).putLong(lastTime);
        b.putInt(recentTimes.length);
        for (int i = 0; i < recentTimes.length; i++) {
            b.putLong(recentTimes[i]).putDouble(recentAmounts[i]);
        }
        b.putInt(counterparties.length);
        for (long c : counterparties) {
            b.putLong(c);
        }
        return b.array();
    }

    public static AccountState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte f = b.get();
        if (f != FORMAT) {
            throw new IllegalArgumentException("unknown AccountState format " + f);
        }
        AccountState s = new AccountState();
        s.count = b.getLong();
        s.sum = b.getDouble();
        s.lastTime = b.getLong();
        int n = b.getInt();
        s.recentTimes = new long[n];
        s.recentAmounts = new double[n];
        for (int i = 0; i < n; i++) {
            s.recentTimes[i] = b.getLong();
            s.recentAmounts[i] = b.getDouble();
        }
        int c = b.getInt();
        s.counterparties = new long[c];
        for (int i = 0; i < c; i++) {
            s.counterparties[i] = b.getLong();
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountState s && count == s.count && Double.compare(sum, s.sum) == 0
                && lastTime == s.lastTime && Arrays.equals(recentTimes, s.recentTimes)
                && Arrays.equals(recentAmounts, s.recentAmounts) && Arrays.equals(counterparties, s.counterparties);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(recentTimes) * 31 + Long.hashCode(count);
    }
}
