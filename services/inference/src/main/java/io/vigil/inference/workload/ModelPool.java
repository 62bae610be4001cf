package io.vigil.inference.workload;

import io.vigil.inference.InferenceException;
import io.vigil.inference.ModelSettings;
import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model's serving pool: a bounded request queue, and workers that each drain it into batches (up to
 * batch-size inputs, waiting at most max-wait once they hold a request) and score them on the model
 * instance they own in the live generation.
 */
final class ModelPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelPool.class);

    private final String name;
    private final ModelSettings settings;
    private final ModelRegistry registry;
    private final int explainTopK;
    private final BatchListener listener;
    private final BlockingQueue<Job> queue;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong inputs = new AtomicLong();
    private volatile boolean running = true;

    /** What the pool reports per batch (metrics). */
    interface BatchListener {
        void batch(String model, String version, int size, long nanos);
    }

    /** @param pinned the version this job must be scored by (entered for the job's lifetime), or null for the live one */
    record Job(List<?> inputs, ExplainWhen explain, Generation pinned, long enqueuedNanos, CompletableFuture<List<Scored>> result) {}

    ModelPool(String name, ModelSettings settings, ModelRegistry registry, int explainTopK, BatchListener listener) {
        this.name = name;
        this.settings = settings;
        this.registry = registry;
        this.explainTopK = explainTopK;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(settings.queueSize());
        for (int i = 0; i < settings.workers(); i++) {
            int index = i;
            Thread t = Thread.ofPlatform().daemon().name("inference-" + name + "-" + i).start(() -> work(index));
            workers.add(t);
        }
    }

    ModelSettings settings() {
        return settings;
    }

    /** Queues a request or fails fast with Overloaded (synchronous callers). */
    CompletableFuture<List<Scored>> offer(List<?> in, ExplainWhen explain) {
        Job job = job(in, explain, null);
        if (!queue.offer(job)) throw new InferenceException.Overloaded(name, settings.queueSize());
        return job.result;
    }

    /** Queues a request, waiting for room (the stream loop: backpressure instead of rejection). */
    CompletableFuture<List<Scored>> put(List<?> in, ExplainWhen explain, Generation pinned) throws InterruptedException {
        Job job = job(in, explain, pinned);
        try {
            queue.put(job);
        } catch (InterruptedException e) {
            if (pinned != null) pinned.exit();
            throw e;
        }
        return job.result;
    }

    private Job job(List<?> in, ExplainWhen explain, Generation pinned) {
        if (!running) throw new InferenceException.Overloaded(name, 0);
        if (pinned != null) pinned.enter(); // held until the job is done, so the version cannot close under it
        return new Job(List.copyOf(in), explain, pinned, System.nanoTime(), new CompletableFuture<>());
    }

    long batches() {
        return batches.get();
    }

    long inputs() {
        return inputs.get();
    }

    int queued() {
        return queue.size();
    }

    private void work(int index) {
        List<Job> batch = new ArrayList<>();
        while (running) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                int n = first.inputs.size();
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.maxWaitMs());
                while (n < settings.batchSize()) {
                    long left = deadline - System.nanoTime();
                    Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) break;
                    batch.add(next);
                    n += next.inputs.size();
                }
                score(index, batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                log.error("worker {} of {} failed on a batch", index, name, e);
                InferenceException failure = new InferenceException.ModelFailure(
                        "model '" + name + "' failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
                batch.forEach(j -> j.result.completeExceptionally(failure));
            } finally {
                for (Job j : batch) if (j.pinned != null) j.pinned.exit();
                batch.clear();
            }
        }
        // fail what is left so no caller waits forever
        Job j;
        while ((j = queue.poll()) != null) {
            if (j.pinned != null) j.pinned.exit();
            j.result.completeExceptionally(new InferenceException.Overloaded(name, 0));
        }
    }

    /** Scores a batch; jobs pinned to another version than the live one are scored on that version's instance. */
    private void score(int index, List<Job> batch) {
        Generation live = null;
        try {
            // the common case: every job on one version, one pass over the whole batch
            java.util.Map<Generation, List<Job>> byVersion = new java.util.LinkedHashMap<>();
            for (Job j : batch) {
                Generation g = j.pinned;
                if (g == null) {
                    if (live == null) live = registry.acquire(name);
                    g = live;
                }
                byVersion.computeIfAbsent(g, k -> new ArrayList<>()).add(j);
            }
            for (var e : byVersion.entrySet()) score(index, e.getKey(), e.getValue());
        } finally {
            if (live != null) registry.release(live);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void score(int index, Generation g, List<Job> batch) {
        ScoringModel model = g.instances.get(index);
        List<Object> all = new ArrayList<>();
        for (Job j : batch) all.addAll(j.inputs);
        long t0 = System.nanoTime();
        List<Prediction> preds = new ArrayList<>(all.size());
        // a job may be larger than a batch: forward passes never exceed batch-size
        for (int from = 0; from < all.size(); from += settings.batchSize()) {
            List<Object> chunk = all.subList(from, Math.min(all.size(), from + settings.batchSize()));
            long c0 = System.nanoTime();
            preds.addAll(model.predict(chunk));
            batches.incrementAndGet();
            listener.batch(name, g.version, chunk.size(), System.nanoTime() - c0);
        }
        inputs.addAndGet(all.size());
        int offset = 0;
        for (Job j : batch) {
            List<Scored> out = new ArrayList<>(j.inputs.size());
            for (int i = 0; i < j.inputs.size(); i++) {
                Prediction p = preds.get(offset + i);
                Explanation e = j.explain.explain(i, p) ? explain(model, j.inputs.get(i), p) : null;
                double latencyMs = (System.nanoTime() - j.enqueuedNanos) / 1e6;
                out.add(new Scored(p, e, name, g.version, latencyMs));
            }
            offset += j.inputs.size();
            j.result.complete(out);
        }
        if (log.isTraceEnabled()) log.trace("{} {}: {} inputs in {} ms", name, g.version, all.size(), (System.nanoTime() - t0) / 1e6);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Explanation explain(ScoringModel model, Object input, Prediction p) {
        try {
            return model.explain(input, explainTopK);
        } catch (RuntimeException e) {
            // an explanation is an extra; the score stands without it
            log.warn("explaining an input of {} failed: {}", name, e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
