package io.vigil.models.features;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Event times of recent transactions (any account) with one exact amount, keyed in a state store
 * by {@link TransactionFeaturizer#amountKey(Txn)}: money moved in and cashed out in the same
 * amount shortly after is the mule pattern. Holds at most {@link #MAX} times of the last hour.
 */
public final class AmountState {

    public static final int MAX = 32;
    long[] times = new long[0];

    public int size() {
        return times.length;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * times.length).putInt(times.length);
        for (long t : times) {
            b.putLong(t);
        }
        return b.array();
    }

    public static AmountState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        AmountState s = new AmountState();
        s.times = new long[b.getInt()];
        for (int i = 0; i < s.times.length; i++) {
            s.times[i] = b.getLong();
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmountState s && Arrays.equals(times, s.times);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(times);
    }
}
