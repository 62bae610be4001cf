package io.vigil.monitors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Meters {@code vigil.monitors.*} (Prometheus: {@code vigil_monitors_*}). */
public final class MonitorsMeters {

    private final MeterRegistry registry;

    public MonitorsMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For topology tests: counts into a private registry. */
    public static MonitorsMeters detached() {
        return new MonitorsMeters(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void fairnessReport(String domain, int groups) {
        registry.counter("vigil.monitors.fairness.reports", "domain", domain).increment(groups);
    }

    public void driftReport(String model, int features) {
        registry.counter("vigil.monitors.drift.reports", "model", model).increment(features);
    }

    public void alert(String rule) {
        registry.counter("vigil.monitors.alerts", "rule", rule).increment();
    }

    /** A scored event of a model version with no reference profile (not measured for drift). */
    public void noProfile(String model) {
        registry.counter("vigil.monitors.drift.no.profile", "model", model).increment();
    }

    public void release(String dataset) {
        registry.counter("vigil.monitors.privacy.releases", "dataset", dataset).increment();
    }

    public void refusal(String dataset) {
        registry.counter("vigil.monitors.privacy.refusals", "dataset", dataset).increment();
    }

    public void badInput(String topic) {
        registry.counter("vigil.monitors.bad.input", "topic", topic).increment();
    }

    public double count(String name, String tag, String value) {
        var c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }
}
