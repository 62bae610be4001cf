package io.vigil.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ingest's Micrometer counters, tagged by domain ({@code news|transactions|notes}). Counted in the
 * topologies with peek/processors, so a retried (aborted) EOS transaction may count twice: they are
 * operational signals, not exactly-once totals.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counters into a throw-away registry (unit tests, benches). */
    public static IngestMetrics noop() {
        return new IngestMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void in(String domain) {
        counter("vigil.ingest.events.in", "domain", domain).increment();
    }

    public void out(String domain) {
        counter("vigil.ingest.events.out", "domain", domain).increment();
    }

    public void deadLetter(String domain, String errorType) {
        counter("vigil.ingest.deadletters", "domain", domain, "reason", errorType).increment();
    }

    public void dedupeHit(String domain) {
        counter("vigil.ingest.dedupe.hits", "domain", domain).increment();
    }

    /** Records a source accepted (HTTP, RSS, drop folder, replay) and wrote to its raw topic. */
    public void accepted(String source) {
        counter("vigil.ingest.source.accepted", "source", source).increment();
    }

    public void productionSkipped(String topic) {
        counter("vigil.ingest.production.skipped", "topic", topic).increment();
    }

    public double count(String name, String... tags) {
        return counter(name, tags).count();
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join(",", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
    }
}
