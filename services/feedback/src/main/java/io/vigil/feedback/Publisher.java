package io.vigil.feedback;

import io.vigil.platform.kafka.KafkaClients;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.AuditOutcome;
import io.vigil.topics.events.AuditRecord;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ReleaseAction;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes corrections, releases and audit records, each acknowledged (acks=all) before the caller
 * answers: an analyst never sees "saved" for a correction that is not on the topic.
 */
public final class Publisher implements AutoCloseable {

    static final String SOURCE = "feedback";
    private final KafkaProducer<String, byte[]> producer;
    private final KillSwitches switches;

    Publisher(KafkaClients kafka, KillSwitches switches) {
        this.producer = new KafkaProducer<>(kafka.producer("feedback"), new StringSerializer(), new ByteArraySerializer());
        this.switches = switches;
    }

    void correction(Correction c) {
        send(Topics.FEEDBACK_CORRECTIONS, c.eventId(), c);
    }

    /**
     * Publishes a release. While the model's kill switch is on, a promote or rollback goes out as a kill record
     * carrying the new champion: the latest record per model (the topic is compacted) must keep saying "killed",
     * and a restore then brings back that champion.
     */
    void release(ModelRelease r) {
        ModelRelease out = r;
        if (switches.killed(r.model()) && (r.action() == ReleaseAction.PROMOTE || r.action() == ReleaseAction.ROLLBACK)) {
            out = new ModelRelease(r.id() + "-while-killed", r.eventTime(), r.source(), r.version(), r.model(), r.modelVersion(),
                    r.parentVersion(), ReleaseAction.KILL, r.location(), r.metrics(),
                    r.action().wire() + " of " + r.modelVersion() + " while the kill switch is on (rules keep serving)"
                            + (r.reason() == null ? "" : ": " + r.reason()), r.actor());
        }
        send(Topics.MODELS_RELEASES, out.model(), out);
        switches.track(out);
    }

    void audit(Principal who, String action, String target, String modelVersion, AuditOutcome outcome, Map<String, String> details) {
        audit(who.name(), who.role().wire(), action, target, modelVersion, outcome, details);
    }

    void audit(String actor, String role, String action, String target, String modelVersion, AuditOutcome outcome,
               Map<String, String> details) {
        String id = "audit-" + UUID.randomUUID();
        AuditRecord a = new AuditRecord(id, Instant.now(), SOURCE, 1, actor, role, action, target, modelVersion, outcome, details);
        send(Topics.AUDIT, id, a);
    }

    private <V> void send(Topic<String, V> topic, String key, V value) {
        byte[] bytes = topic.jsonValueSerde().encode(value); // validates against the schema first
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, bytes)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
