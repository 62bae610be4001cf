package io.vigil.ingest.stream;

import io.vigil.topics.serde.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * JSON without schema validation, for an application's own repartition topics only: what travels there was
 * validated on the way in and is validated again by the output topic's serde, so validating the internal hop
 * a third time would only cost CPU (the transactions profile showed JSON Schema work as a top cost).
 */
final class InternalSerde {

    private InternalSerde() {
    }

    static <T> Serde<T> of(Class<T> type) {
        var mapper = Json.mapper();
        Serializer<T> ser = (topic, v) -> {
            if (v == null) return null;
            try {
                return mapper.writeValueAsBytes(v);
            } catch (IOException e) {
                throw new SerializationException("cannot encode " + type.getSimpleName(), e);
            }
        };
        Deserializer<T> de = (topic, b) -> {
            if (b == null) return null;
            try {
                return mapper.readValue(b, type);
            } catch (IOException e) {
                throw new SerializationException("cannot decode " + type.getSimpleName(), e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }
}
