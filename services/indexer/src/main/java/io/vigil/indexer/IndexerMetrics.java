package io.vigil.indexer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The indexer's meters (names under {@code vigil.indexer.}). */
final class IndexerMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> indexed = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Timer bulkLatency;

    IndexerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bulkLatency = Timer.builder("vigil.indexer.bulk.latency").description("bulk request round trip")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void indexed(String family) {
        indexed.computeIfAbsent(family, f -> Counter.builder("vigil.indexer.documents")
                .description("documents Elasticsearch acknowledged").tag("family", f).register(registry)).increment();
    }

    /** @param kind mapping, decode or rejected */
    void deadLetter(String kind) {
        deadLetters.computeIfAbsent(kind, k -> Counter.builder("vigil.indexer.dead.letters")
                .description("records sent to indexer.dlq").tag("kind", k).register(registry)).increment();
    }

    /** @param cause item (429/5xx on one document) or request (the whole bulk request failed) */
    void retry(String cause, int operations) {
        retries.computeIfAbsent(cause, c -> Counter.builder("vigil.indexer.retries")
                .description("operations retried").tag("cause", c).register(registry)).increment(operations);
    }

    void bulk(Duration took) {
        bulkLatency.record(took);
    }

    void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
