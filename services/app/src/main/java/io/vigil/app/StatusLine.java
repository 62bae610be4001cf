package io.vigil.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.platform.health.Health;

import java.util.Locale;

/**
 * The periodic one-line summary local mode prints: rates since the last line, totals, indexer lag and the
 * state of every health check that is not UP. Read from the same meters /metrics exposes.
 */
final class StatusLine {

    private final MeterRegistry registry;
    private long lastNanos = System.nanoTime();
    private double lastIn, lastScored, lastIndexed;

    StatusLine(MeterRegistry registry) {
        this.registry = registry;
    }

    String next(Health.Report health) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        double in = count("vigil.ingest.events.in");
        double scored = count("vigil.inference.events.scored");
        double indexed = count("vigil.indexer.documents");
        double deadLetters = count("vigil.ingest.deadletters") + count("vigil.inference.dlq") + count("vigil.indexer.dead.letters");
        String line = String.format(Locale.ROOT,
                "status: %s | in %.0f/s scored %.0f/s indexed %.0f/s | totals in %.0f scored %.0f indexed %.0f | alerts %.0f | dead letters %.0f | indexer lag %.0f%s",
                health.state(), (in - lastIn) / seconds, (scored - lastScored) / seconds, (indexed - lastIndexed) / seconds,
                in, scored, indexed, count("vigil.alerts.fired"), deadLetters, gauge("vigil.indexer.lag"), unhealthy(health));
        lastNanos = now;
        lastIn = in;
        lastScored = scored;
        lastIndexed = indexed;
        return line;
    }

    private double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double gauge(String name) {
        return registry.find(name).gauges().stream().mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).sum();
    }

    private static String unhealthy(Health.Report health) {
        StringBuilder sb = new StringBuilder();
        health.checks().forEach((name, s) -> {
            if (s.state() != Health.State.UP) sb.append(" | ").append(name).append(" DOWN: ").append(s.detail());
        });
        return sb.toString();
    }
}
