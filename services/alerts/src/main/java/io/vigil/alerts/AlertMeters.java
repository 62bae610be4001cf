package io.vigil.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.topics.events.Alert;

/**
 * The alert service's meters. Counted where the event happens: fired/suppressed in the topology (so an EOS
 * retry of a task can count an alert twice; the alerts topic itself never holds it twice), notifier meters
 * in the notifier loop.
 */
public final class AlertMeters {

    private final MeterRegistry registry;

    public AlertMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters that go nowhere, for tests and tools. */
    public static AlertMeters detached() {
        return new AlertMeters(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void fired(Alert alert) {
        Counter.builder("vigil.alerts.fired").description("Alerts fired by the rules")
                .tag("rule", alert.rule()).tag("severity", alert.severity().wire()).tag("status", alert.status().wire())
                .register(registry).increment();
    }

    public void suppressed(String rule) {
        counter("vigil.alerts.suppressed", "Rule matches held back by suppression", "rule", rule).increment();
    }

    public void late(String rule) {
        counter("vigil.alerts.late", "Records that arrived after their window's grace period and were ignored", "rule", rule).increment();
    }

    public void badInput(String topic) {
        counter("vigil.alerts.bad.input", "Undecodable input records skipped by the alert topology", "topic", topic).increment();
    }

    public void notifierRetry() {
        counter("vigil.alerts.notifier.retries", "Webhook delivery attempts that were retried", null, null).increment();
    }

    public void delivered() {
        counter("vigil.alerts.notifier.delivered", "Alerts delivered to every webhook", null, null).increment();
    }

    public void deadLettered(String errorType) {
        counter("vigil.alerts.notifier.dead.letters", "Alerts written to the dead-letter topic", "error", errorType).increment();
    }

    public double count(String name, String... tags) {
        var search = registry.find(name);
        if (tags.length > 0) search = search.tags(tags);
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private Counter counter(String name, String description, String tag, String value) {
        Counter.Builder b = Counter.builder(name).description(description);
        if (tag != null) b.tag(tag, value);
        return b.register(registry);
    }
}
