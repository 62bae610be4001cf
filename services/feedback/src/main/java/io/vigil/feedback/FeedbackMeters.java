package io.vigil.feedback;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.topics.events.Domain;

/** Meters {@code vigil.feedback.*}: corrections, backlog per queue, fine-tunes, promotions, rejections, rollbacks. */
final class FeedbackMeters {

    private final MeterRegistry registry;

    FeedbackMeters(MeterRegistry registry, ReviewQueues queues) {
        this.registry = registry;
        for (Domain d : Domain.values()) {
            Gauge.builder("vigil.feedback.backlog", queues, q -> q.backlog().get(d))
                    .description("open review items").tag("domain", d.wire()).register(registry);
        }
    }

    void correction(Domain d) {
        registry.counter("vigil.feedback.corrections", "domain", d.wire()).increment();
    }

    void fineTune(String model, String outcome) {
        registry.counter("vigil.feedback.finetunes", "model", model, "outcome", outcome).increment();
        if (outcome.equals("promoted")) registry.counter("vigil.feedback.promotions", "model", model).increment();
        if (outcome.equals("rejected")) registry.counter("vigil.feedback.rejections", "model", model).increment();
    }

    void rollback(String model) {
        registry.counter("vigil.feedback.rollbacks", "model", model).increment();
    }
}
