package io.vigil.platform.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Named health checks (Kafka, Elasticsearch, each service's loops). The service is UP only when every
 * check is UP; a check that throws counts as DOWN with its message.
 */
public final class Health {

    public enum State { UP, DOWN }

    public record Status(State state, String detail) {
        public static Status up(String detail) {
            return new Status(State.UP, detail);
        }

        public static Status down(String detail) {
            return new Status(State.DOWN, detail);
        }
    }

    public record Report(State state, Map<String, Status> checks) {
    }

    private final Map<String, Supplier<Status>> checks = new ConcurrentHashMap<>();

    public Health register(String name, Supplier<Status> check) {
        checks.put(name, check);
        return this;
    }

    public void unregister(String name) {
        checks.remove(name);
    }

    public Report check() {
        Map<String, Status> results = new LinkedHashMap<>();
        checks.keySet().stream().sorted().forEach(name -> {
            Status s;
            try {
                s = checks.get(name).get();
                if (s == null) s = Status.down("check returned nothing");
            } catch (RuntimeException e) {
                s = Status.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            results.put(name, s);
        });
        boolean up = results.values().stream().allMatch(s -> s.state() == State.UP);
        return new Report(up ? State.UP : State.DOWN, results);
    }
}
