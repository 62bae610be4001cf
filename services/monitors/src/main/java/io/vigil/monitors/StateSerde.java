package io.vigil.monitors;

import io.vigil.topics.serde.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.io.IOException;

/** JSON serde for the topology's own state (window aggregates, repartitioned observations): not the event contract. */
public final class StateSerde {

    private StateSerde() {
    }

    public static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) return null;
            try {
                return Json.mapper().writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot encode " + type.getSimpleName() + " state", e);
            }
        }, (topic, bytes) -> {
            if (bytes == null) return null;
            try {
                return Json.mapper().readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot decode " + type.getSimpleName() + " state", e);
            }
        });
    }
}
