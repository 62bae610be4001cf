package io.vigil.inference.workload;

import io.vigil.models.ScoringModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded version of a model: one instance per worker (models are not thread-safe). Reference counted
 * by the batches in flight, so a retired generation closes only after its last batch finished.
 */
final class Generation {

    private static final Logger log = LoggerFactory.getLogger(Generation.class);

    final String version;
    final List<ScoringModel<?>> instances;
    final ModelKind kind;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean retired = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    Generation(String version, List<ScoringModel<?>> instances) {
        this.version = version;
        this.instances = List.copyOf(instances);
        this.kind = ModelKind.of(instances.getFirst());
    }

    void enter() {
        inFlight.incrementAndGet();
    }

    void exit() {
        if (inFlight.decrementAndGet() == 0 && retired.get()) closeOnce();
    }

    /** No new batch will start on this generation; closes now or when the last one exits. */
    void retire() {
        retired.set(true);
        if (inFlight.get() == 0) closeOnce();
    }

    boolean isClosed() {
        return closed.get();
    }

    private void closeOnce() {
        if (!closed.compareAndSet(false, true)) return;
        for (ScoringModel<?> m : instances) {
            try {
                m.close();
            } catch (RuntimeException e) {
                log.warn("closing {} {} failed: {}", m.name(), version, e.toString());
            }
        }
        log.info("closed retired version {} of {}", version, instances.getFirst().name());
    }
}
