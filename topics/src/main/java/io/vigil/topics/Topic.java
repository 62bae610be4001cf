package io.vigil.topics;

import io.vigil.topics.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serde;

import java.util.Objects;

/**
 * A typed handle on one catalog topic: its name, serdes and catalog entry.
 * Obtain them from {@link Topics}; never spell a topic name elsewhere.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, TopicSpec spec) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde of " + name);
        Objects.requireNonNull(valueSerde, "valueSerde of " + name);
        Objects.requireNonNull(spec, "spec of " + name);
        if (!name.equals(spec.name())) throw new IllegalArgumentException("topic " + name + " has the spec of " + spec.name());
    }

    /** The value serde as the validating {@link JsonSerde} it is (for tryDecode). */
    @SuppressWarnings("unchecked")
    public JsonSerde<V> jsonValueSerde() {
        if (valueSerde instanceof JsonSerde<?> j) return (JsonSerde<V>) j;
        throw new IllegalStateException("topic " + name + " has no JSON value serde: " + valueSerde);
    }

    @Override
    public String toString() {
        return "Topic[" + name + " -> " + spec.valueType() + "]";
    }
}
