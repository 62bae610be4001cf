package io.vigil.inference.workload;

/**
 * A model version pinned for a group of submissions: everything submitted with the lease is scored by that
 * version, even if a swap happens before the worker gets to it. The stream loop takes one per model and
 * poll, so a transaction is scored by one version although later polls are already queued behind it.
 * Close it once everything is submitted; queued work keeps its version open on its own.
 */
public final class Lease implements AutoCloseable {

    final String model;
    final Generation generation;
    private final ModelRegistry registry;
    private boolean closed;

    Lease(String model, Generation generation, ModelRegistry registry) {
        this.model = model;
        this.generation = generation;
        this.registry = registry;
    }

    public String model() {
        return model;
    }

    public String version() {
        return generation.version;
    }

    public ModelKind kind() {
        return generation.kind;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        registry.release(generation);
    }
}
