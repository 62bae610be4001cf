package io.vigil.monitors;

import io.vigil.topics.serde.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serde for the topology's own state (window aggregates, repartitioned observations, join values): not the event
 * contract. Written in a compact binary form (a format byte, then the fields; strings as modified UTF-8) because
 * every event reads and writes a window aggregate and a repartitioned record per monitor, and JSON was most of that
 * cost. Reads JSON too (state written before the binary format: a JSON value starts with '{'), so an existing
 * changelog restores after an upgrade.
 */
public final class StateSerde {

    /** First byte of a binary value; never '{'. */
    static final byte BINARY = 1;

    /**
     * Bench only: encode as JSON, the earlier format, so MonitorsBench can compare both in one run. Reading accepts
     * either whatever this says.
     */
    static volatile boolean writeJson;

    private StateSerde() {
    }

    /** How a state type is written and read, field by field. */
    public interface Codec<T> {
        void write(DataOutput out, T value) throws IOException;

        T read(DataInput in) throws IOException;
    }

    /** JSON only: for state without a codec. */
    public static <T> Serde<T> of(Class<T> type) {
        return of(type, null);
    }

    public static <T> Serde<T> of(Class<T> type, Codec<T> codec) {
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) return null;
            try {
                if (codec == null || writeJson) return Json.mapper().writeValueAsBytes(value);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeByte(BINARY);
                codec.write(out, value);
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new SerializationException("cannot encode " + type.getSimpleName() + " state", e);
            }
        }, (topic, bytes) -> {
            if (bytes == null) return null;
            try {
                if (bytes.length > 0 && bytes[0] == BINARY && codec != null) {
                    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
                    return codec.read(in);
                }
                return Json.mapper().readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot decode " + type.getSimpleName() + " state", e);
            }
        });
    }

    /** A zig-zag LEB128 varint: counts and bin numbers are small, so mostly one byte instead of eight. */
    public static void writeVar(DataOutput out, long v) throws IOException {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.writeByte((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.writeByte((int) z);
    }

    public static long readVar(DataInput in) throws IOException {
        long z = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            z |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return (z >>> 1) ^ -(z & 1);
        }
        throw new IOException("varint longer than 10 bytes");
    }

    public static void writeStrings(DataOutput out, Map<String, String> m) throws IOException {
        if (m == null) {
            writeVar(out, -1);
            return;
        }
        writeVar(out, m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeBoolean(e.getValue() != null);
            if (e.getValue() != null) out.writeUTF(e.getValue());
        }
    }

    /** A mutable sorted map (aggregators add to what they read), or null when null was written. */
    public static TreeMap<String, String> readStrings(DataInput in) throws IOException {
        int n = (int) readVar(in);
        if (n < 0) return null;
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String k = in.readUTF();
            m.put(k, in.readBoolean() ? in.readUTF() : null);
        }
        return m;
    }
}
