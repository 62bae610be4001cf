package io.vigil.feedback.tuning;

import io.vigil.models.Json;
import io.vigil.models.store.ModelCard;
import io.vigil.models.store.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Model versions on top of {@link ModelStore}. A candidate is trained in {@code <model>/.staging/<v>};
 * promoted, it moves to {@code <model>/<v>} (a store version) and becomes CURRENT; rejected, it moves to
 * {@code <model>/rejected/<v>} with its card, where the store (and so inference) never sees it. Version
 * numbers count rejected ones too, so a number is never reused. Earlier versions are never deleted.
 */
public final class ModelRegistry {

    static final String STAGING = ".staging";
    static final String REJECTED = "rejected";
    private final ModelStore store;

    public ModelRegistry(ModelStore store) {
        this.store = store;
    }

    public ModelStore store() {
        return store;
    }

    public Optional<String> current(String model) {
        return store.current(model);
    }

    /** Writes CURRENT where only the newest-version fallback chose it, so a new directory never wins implicitly. */
    public void pinCurrent() {
        for (String m : store.models()) {
            if (!Files.exists(store.root().resolve(m).resolve("CURRENT"))) store.current(m).ifPresent(v -> store.setCurrent(m, v));
        }
    }

    public synchronized String reserveVersion(String model) {
        long max = 0;
        for (Path dir : List.of(store.root().resolve(model), store.root().resolve(model).resolve(REJECTED),
                store.root().resolve(model).resolve(STAGING))) {
            for (String v : children(dir)) max = Math.max(max, number(v));
        }
        String v = "v" + (max + 1);
        try {
            Files.createDirectories(staging(model, v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return v;
    }

    public Path staging(String model, String version) {
        return store.root().resolve(model).resolve(STAGING).resolve(version);
    }

    public Path rejected(String model, String version) {
        return store.root().resolve(model).resolve(REJECTED).resolve(version);
    }

    /** Moves a staged candidate into the store and makes it CURRENT; returns its directory. */
    public synchronized Path promote(String model, String version) {
        Path target = store.dir(model, version);
        move(staging(model, version), target);
        store.setCurrent(model, version);
        return target;
    }

    public synchronized Path reject(String model, String version) {
        Path target = rejected(model, version);
        move(staging(model, version), target);
        return target;
    }

    /** Makes an earlier (accepted) version CURRENT again. */
    public synchronized void setCurrent(String model, String version) {
        store.setCurrent(model, version);
    }

    /**
     * Appends a rollback to the card of the version it reinstated ({@code metrics.rollbacks}, oldest first); a
     * version without a card gets none.
     */
    @SuppressWarnings("unchecked")
    public synchronized void recordRollback(String model, String version, Map<String, Object> entry) {
        Path file = store.dir(model, version).resolve(ModelStore.CARD);
        if (!Files.isRegularFile(file)) return;
        ModelCard c = Json.read(file, ModelCard.class);
        Map<String, Object> metrics = new LinkedHashMap<>(c.metrics() == null ? Map.of() : c.metrics());
        List<Object> rollbacks = new ArrayList<>((List<Object>) metrics.getOrDefault("rollbacks", List.of()));
        rollbacks.add(entry);
        metrics.put("rollbacks", rollbacks);
        Json.write(file, new ModelCard(c.name(), c.version(), c.parentVersion(), c.createdAt(), c.seed(), c.trigger(),
                c.dataSources(), c.counts(), metrics, c.training(), c.notes()));
    }

    /** The labels in a version's config.json (the current version when none is named). */
    public Optional<List<String>> labels(String model) {
        Optional<String> v = store.current(model);
        if (v.isEmpty()) return Optional.empty();
        Path cfg = store.dir(model, v.get()).resolve(ModelStore.CONFIG);
        if (!Files.isRegularFile(cfg)) return Optional.empty();
        List<String> out = new ArrayList<>();
        Json.read(cfg, com.fasterxml.jackson.databind.JsonNode.class).path("labels").forEach(n -> out.add(n.asText()));
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    public boolean hasVersion(String model, String version) {
        return store.versions(model).contains(version);
    }

    public Map<String, Object> describe(String model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("current", store.current(model).orElse(null));
        List<Map<String, Object>> versions = new ArrayList<>();
        for (String v : store.versions(model)) versions.add(entry(v, store.dir(model, v), "accepted"));
        m.put("versions", versions);
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (String v : children(store.root().resolve(model).resolve(REJECTED))) rejected.add(entry(v, rejected(model, v), "rejected"));
        rejected.sort(java.util.Comparator.comparingLong(e -> number((String) e.get("version"))));
        m.put("rejected", rejected);
        return m;
    }

    private static Map<String, Object> entry(String v, Path dir, String status) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("version", v);
        e.put("status", status);
        e.put("location", dir.toAbsolutePath().toString());
        Path card = dir.resolve(ModelStore.CARD);
        e.put("card", Files.isRegularFile(card) ? Json.read(card, ModelCard.class) : null);
        return e;
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    private static List<String> children(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> n.matches("v\\d+")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long number(String v) {
        return Long.parseLong(v.substring(1));
    }
}
