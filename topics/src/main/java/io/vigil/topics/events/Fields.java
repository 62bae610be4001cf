package io.vigil.topics.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compact-constructor helpers: presence checks and immutable copies. Value rules live in the JSON Schemas. */
final class Fields {

    private Fields() {
    }

    static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " is required");
    }

    /** An immutable copy; null stays null (an absent optional list). */
    static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    static <T> List<T> copyRequired(List<T> list, String name) {
        return List.copyOf(required(list, name));
    }

    /** An immutable, order-preserving copy without null keys or values; null stays null. */
    static <V> Map<String, V> copy(Map<String, V> map) {
        if (map == null) return null;
        Map<String, V> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(Objects.requireNonNull(k, "map key"), Objects.requireNonNull(v, () -> "value of " + k)));
        return Collections.unmodifiableMap(out);
    }

    static <V> Map<String, V> copyRequired(Map<String, V> map, String name) {
        return copy(required(map, name));
    }

    static void envelope(String id, java.time.Instant eventTime, String source, int version) {
        required(id, "id");
        required(eventTime, "eventTime");
        required(source, "source");
        if (version < 1) throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
}
