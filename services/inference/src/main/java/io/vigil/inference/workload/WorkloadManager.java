package io.vigil.inference.workload;

import io.vigil.inference.InferenceException;
import io.vigil.inference.ModelSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The embeddable work-load manager, with no Kafka and no HTTP in it: per model a bounded queue, a worker
 * pool and a batch aggregator. Synchronous callers {@link #submit} and get Overloaded when the queue is
 * full; the stream loop {@link #submitWaiting} and is slowed down instead. Inputs are validated here,
 * before they can share a batch with another caller's, so one bad input cannot fail someone else's batch.
 */
public final class WorkloadManager implements AutoCloseable {

    private final ModelRegistry registry;
    private final Function<String, ModelSettings> settings;
    private final int explainTopK;
    private final ModelPool.BatchListener listener;
    private final Map<String, ModelPool> pools = new ConcurrentHashMap<>();

    /** Called per forward pass with model, version, batch size and duration. */
    public interface BatchObserver {
        void batch(String model, String version, int size, long nanos);
    }

    public WorkloadManager(ModelRegistry registry, Function<String, ModelSettings> settings, int explainTopK,
                           BatchObserver observer) {
        this.registry = registry;
        this.settings = settings;
        this.explainTopK = explainTopK;
        this.listener = observer::batch;
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** Loads {@code version} of a model and starts its workers. */
    public synchronized void serve(String name, String version) {
        registry.swap(name, version);
        pools.computeIfAbsent(name, n -> new ModelPool(n, settings.apply(n), registry, explainTopK, listener));
    }

    public ModelSettings settings(String name) {
        return pool(name).settings();
    }

    /** Rejects with Overloaded when the model's queue is full. */
    public CompletableFuture<List<Scored>> submit(String model, List<?> inputs, ExplainWhen explain) {
        ModelPool pool = pool(model);
        validate(registry.kind(model), model, inputs);
        return pool.offer(inputs, explain);
    }

    /**
     * Splits inputs into batch-size jobs and queues them, waiting for room; the future completes with
     * the results in input order.
     */
    public CompletableFuture<List<Scored>> submitWaiting(String model, List<?> inputs, ExplainWhen explain)
            throws InterruptedException {
        return submitWaiting(model, null, inputs, explain);
    }

    /**
     * As {@link #submitWaiting(String, List, ExplainWhen)}, scored by the lease's version (from
     * {@link ModelRegistry#lease}) even when a swap happens before the batches run.
     */
    public CompletableFuture<List<Scored>> submitWaiting(Lease lease, List<?> inputs, ExplainWhen explain)
            throws InterruptedException {
        return submitWaiting(lease.model, lease, inputs, explain);
    }

    private CompletableFuture<List<Scored>> submitWaiting(String model, Lease lease, List<?> inputs, ExplainWhen explain)
            throws InterruptedException {
        ModelPool pool = pool(model);
        validate(lease == null ? registry.kind(model) : lease.kind(), model, inputs);
        int size = pool.settings().batchSize();
        List<CompletableFuture<List<Scored>>> parts = new ArrayList<>();
        for (int from = 0; from < inputs.size(); from += size) {
            int start = from;
            ExplainWhen shifted = (i, p) -> explain.explain(start + i, p);
            parts.add(pool.put(inputs.subList(from, Math.min(inputs.size(), from + size)), shifted,
                    lease == null ? null : lease.generation));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Scored> all = new ArrayList<>(inputs.size());
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }

    /** Forward passes run so far by a model's pool (tests and the bench). */
    public long batches(String model) {
        return pool(model).batches();
    }

    public long inputs(String model) {
        return pool(model).inputs();
    }

    public int queued(String model) {
        return pool(model).queued();
    }

    private ModelPool pool(String model) {
        ModelPool p = pools.get(model);
        if (p == null) throw new InferenceException.ModelNotFound(model);
        return p;
    }

    private static void validate(ModelKind kind, String model, List<?> inputs) {
        if (inputs.isEmpty()) throw new InferenceException.BadInput("inputs must not be empty");
        for (int i = 0; i < inputs.size(); i++) {
            Object in = inputs.get(i);
            if (kind.text()) {
                if (!(in instanceof String s)) {
                    throw new InferenceException.BadInput("inputs[" + i + "] must be text for model '" + model + "'");
                }
                if (s.isBlank()) throw new InferenceException.BadInput("inputs[" + i + "] is empty text");
            } else {
                if (!(in instanceof float[] f)) {
                    throw new InferenceException.BadInput("inputs[" + i + "] must be a feature vector for model '" + model + "'");
                }
                if (f.length != kind.featureNames().size()) {
                    throw new InferenceException.BadInput("inputs[" + i + "] has " + f.length + " features; model '"
                            + model + "' takes " + kind.featureNames().size());
                }
                for (float v : f) {
                    if (!Float.isFinite(v)) throw new InferenceException.BadInput("inputs[" + i + "] has a non-finite feature");
                }
            }
        }
    }

    @Override
    public void close() {
        pools.values().forEach(ModelPool::close);
        pools.clear();
        registry.close();
    }

}
