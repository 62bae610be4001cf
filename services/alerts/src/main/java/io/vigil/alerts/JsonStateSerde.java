package io.vigil.alerts;

import io.vigil.topics.serde.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/** JSON serde for the topology's own state (stores and changelogs), not part of the event contract. */
public final class JsonStateSerde {

    private JsonStateSerde() {
    }

    public static <T> Serde<T> of(Class<T> type) {
        Serializer<T> ser = (topic, value) -> {
            if (value == null) return null;
            try {
                return Json.mapper().writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot encode " + type.getSimpleName() + " state", e);
            }
        };
        Deserializer<T> de = (topic, bytes) -> {
            if (bytes == null) return null;
            try {
                return Json.mapper().readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot decode " + type.getSimpleName() + " state", e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }
}
