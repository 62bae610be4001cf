package io.vigil.inference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The service's meters; names are prefixed vigil.inference and tagged by model (and version). */
public final class InferenceMetrics {

    private final MeterRegistry registry;

    public InferenceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void scored(String model, String version, double latencyMs) {
        Counter.builder("vigil.inference.events.scored").description("events scored")
                .tags("model", model, "version", version).register(registry).increment();
        Timer.builder("vigil.inference.latency").description("submission to result, per event")
                .tags("model", model).publishPercentiles(0.5, 0.99).register(registry)
                .record((long) (latencyMs * 1_000_000), TimeUnit.NANOSECONDS);
    }

    public void batch(String model, String version, int size, long nanos) {
        DistributionSummary.builder("vigil.inference.batch.size").description("inputs per forward pass")
                .tags("model", model).register(registry).record(size);
        Timer.builder("vigil.inference.batch.duration").tags("model", model, "version", version).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void deadLetter(String errorType) {
        Counter.builder("vigil.inference.dlq").description("inputs sent to the inference dead-letter topic")
                .tags("error-type", errorType).register(registry).increment();
    }

    public void review(String reason) {
        Counter.builder("vigil.inference.review.items").tags("reason", reason).register(registry).increment();
    }

    public void swap(String model) {
        Counter.builder("vigil.inference.swaps").description("hot swaps").tags("model", model).register(registry).increment();
    }

    public void aborted() {
        Counter.builder("vigil.inference.transactions.aborted").register(registry).increment();
    }

    /** Records polled and queued for scoring but dropped uncommitted (rebalance, stop, abort): consumed again. */
    public void dropped(String reason, int records) {
        Counter.builder("vigil.inference.records.rewound").description("records dropped uncommitted, to be consumed again")
                .tags("reason", reason).register(registry).increment(records);
    }

    public void committed() {
        Counter.builder("vigil.inference.transactions.committed").register(registry).increment();
    }
}
