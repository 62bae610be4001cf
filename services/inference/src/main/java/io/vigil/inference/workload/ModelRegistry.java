package io.vigil.inference.workload;

import io.vigil.inference.InferenceException;
import io.vigil.models.ScoringModel;
import io.vigil.models.store.ModelStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live version of every served model. {@link #swap} loads and warms the new version first, then
 * switches with one atomic reference write: a batch acquires a generation once and scores entirely with it,
 * so every input is scored by exactly one version and the switch falls between batches. The previous
 * generation is closed when its last in-flight batch has finished.
 */
public final class ModelRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final ModelStore store;
    private final ToIntFunction<String> instancesPerModel;
    private final Map<String, AtomicReference<Generation>> live = new ConcurrentHashMap<>();
    private volatile Consumer<String> onSwap = name -> { };

    /** @param instancesPerModel how many instances a model needs (its worker count) */
    public ModelRegistry(ModelStore store, ToIntFunction<String> instancesPerModel) {
        this.store = store;
        this.instancesPerModel = instancesPerModel;
    }

    public ModelStore store() {
        return store;
    }

    /** Called after every successful swap (metrics, logs). */
    public void onSwap(Consumer<String> listener) {
        this.onSwap = listener;
    }

    /** Loads {@code version} of {@code name} and makes it live; returns the version it replaced, or null. */
    public synchronized String swap(String name, String version) {
        AtomicReference<Generation> ref = live.get(name);
        if (ref != null && ref.get().version.equals(version)) return version;
        long t0 = System.nanoTime();
        Generation next = load(name, version);
        String previous;
        if (ref == null) {
            live.put(name, new AtomicReference<>(next));
            previous = null;
        } else {
            Generation old = ref.getAndSet(next);
            old.retire();
            previous = old.version;
        }
        log.info("model {} now serves version {} (was {}); loaded and warmed in {} ms", name, version,
                previous == null ? "none" : previous, (System.nanoTime() - t0) / 1_000_000);
        if (previous != null) onSwap.accept(name);
        return previous;
    }

    private Generation load(String name, String version) {
        int n = Math.max(1, instancesPerModel.applyAsInt(name));
        List<ScoringModel<?>> instances = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                ScoringModel<?> m = store.load(name, version);
                warmUp(m);
                instances.add(m);
            }
        } catch (RuntimeException e) {
            instances.forEach(ScoringModel::close);
            throw e;
        }
        return new Generation(version, instances);
    }

    /** One forward pass before the switch, so the first live batch does not pay for lazy initialisation. */
    @SuppressWarnings("unchecked")
    private static void warmUp(ScoringModel<?> m) {
        ModelKind kind = ModelKind.of(m);
        if (kind.text()) {
            ((ScoringModel<String>) m).predict(List.of("warm up"));
        } else {
            ((ScoringModel<float[]>) m).predict(List.of(new float[kind.featureNames().size()]));
        }
    }

    /** The live generation, entered (the caller must {@link #release} it); ModelNotFound when not served. */
    Generation acquire(String name) {
        AtomicReference<Generation> ref = live.get(name);
        if (ref == null) throw new InferenceException.ModelNotFound(name);
        while (true) {
            Generation g = ref.get();
            g.enter();
            if (ref.get() == g) return g;
            g.exit(); // swapped between read and enter: try the new one
        }
    }

    /** Pins the live version of a model until the lease is closed (ModelNotFound when not served). */
    public Lease lease(String name) {
        return new Lease(name, acquire(name), this);
    }

    void release(Generation g) {
        g.exit();
    }

    public boolean serves(String name) {
        return live.containsKey(name);
    }

    public List<String> names() {
        return live.keySet().stream().sorted().toList();
    }

    /** The live version; ModelNotFound when not served. */
    public String version(String name) {
        AtomicReference<Generation> ref = live.get(name);
        if (ref == null) throw new InferenceException.ModelNotFound(name);
        return ref.get().version;
    }

    public ModelKind kind(String name) {
        AtomicReference<Generation> ref = live.get(name);
        if (ref == null) throw new InferenceException.ModelNotFound(name);
        return ref.get().kind;
    }

    @Override
    public synchronized void close() {
        live.values().forEach(r -> r.get().retire());
        live.clear();
    }
}
