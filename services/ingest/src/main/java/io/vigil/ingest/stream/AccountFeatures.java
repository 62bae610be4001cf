package io.vigil.ingest.stream;

import io.vigil.topics.events.Transaction;
import io.vigil.topics.serde.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A transaction between the account step and the amount step: its validated input bytes and the feature vector
 * so far (in {@code TransactionFeaturizer.SPEC} order). This is what crosses the repartition by amount.
 */
record AccountFeatures(Transaction transaction, byte[] original, float[] features) {

    /**
     * Binary form for the application's own repartition topic: {@code [int n][n bytes: the input JSON][int k][k floats]}.
     * The JSON was schema-validated on the way in (and the output is validated again by its serde), so it is read
     * back with plain Jackson; the profile showed a JSON (re)encoding of the whole enriched record here as a top cost.
     */
    static Serde<AccountFeatures> serde() {
        var mapper = Json.mapper();
        Serializer<AccountFeatures> ser = (topic, v) -> {
            if (v == null) return null;
            ByteBuffer b = ByteBuffer.allocate(8 + v.original().length + 4 * v.features().length);
            b.putInt(v.original().length).put(v.original()).putInt(v.features().length);
            for (float f : v.features()) b.putFloat(f);
            return b.array();
        };
        Deserializer<AccountFeatures> de = (topic, bytes) -> {
            if (bytes == null) return null;
            try {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                byte[] original = new byte[b.getInt()];
                b.get(original);
                float[] f = new float[b.getInt()];
                for (int i = 0; i < f.length; i++) f[i] = b.getFloat();
                return new AccountFeatures(mapper.readValue(original, Transaction.class), original, f);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot decode an account-features record", e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }
}
