package io.vigil.feedback;

import io.vigil.platform.kafka.KafkaClients;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.ReviewItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code review.items} and {@code feedback.corrections} from the beginning into {@link ReviewQueues}
 * (and {@code models.releases} into {@link KillSwitches}, the monitors' {@code monitors.drift} and
 * {@code monitors.fairness} into {@link MonitorReadings}), then follows them. Partitions are assigned, not subscribed: every instance needs every record, and no
 * offsets are committed (the topics are the state). Undecodable records are skipped and counted.
 */
final class FeedbackLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedbackLog.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final ReviewQueues queues;
    private final Runnable onCorrection;
    private final Thread thread;
    private final AtomicLong bad = new AtomicLong();
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile String failure;
    private Map<TopicPartition, Long> startEnd;

    private final KillSwitches switches;
    private final MonitorReadings readings;

    FeedbackLog(KafkaClients kafka, ReviewQueues queues, KillSwitches switches, MonitorReadings readings, Runnable onCorrection) {
        this.switches = switches;
        this.readings = readings;
        Map<String, Object> props = kafka.consumer("feedback-log", "vigil-feedback-log");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.queues = queues;
        this.onCorrection = onCorrection;
        this.thread = Thread.ofPlatform().name("feedback-log").daemon().unstarted(this::run);
    }

    void start() {
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : List.of(Topics.REVIEW_ITEMS.name(), Topics.FEEDBACK_CORRECTIONS.name(), Topics.MODELS_RELEASES.name(),
                Topics.MONITORS_DRIFT.name(), Topics.MONITORS_FAIRNESS.name())) {
            consumer.partitionsFor(t, Duration.ofSeconds(30)).forEach(p -> parts.add(new TopicPartition(t, p.partition())));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        startEnd = consumer.endOffsets(parts, Duration.ofSeconds(30));
        running = true;
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) handle(r);
                if (!caughtUp && startEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    log.info("Review queues rebuilt from the topics: backlog {}", queues.backlog());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.error("Feedback log reader stopped", e);
        } finally {
            running = false;
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) return;
        try {
            if (r.topic().equals(Topics.REVIEW_ITEMS.name())) {
                ReviewItem item = Topics.REVIEW_ITEMS.jsonValueSerde().decode(r.value());
                queues.offer(item);
            } else if (r.topic().equals(Topics.MODELS_RELEASES.name())) {
                switches.track(Topics.MODELS_RELEASES.jsonValueSerde().decode(r.value()));
            } else if (r.topic().equals(Topics.MONITORS_DRIFT.name())) {
                readings.track(Topics.MONITORS_DRIFT.jsonValueSerde().decode(r.value()));
            } else if (r.topic().equals(Topics.MONITORS_FAIRNESS.name())) {
                readings.track(Topics.MONITORS_FAIRNESS.jsonValueSerde().decode(r.value()));
            } else {
                Correction c = Topics.FEEDBACK_CORRECTIONS.jsonValueSerde().decode(r.value());
                queues.apply(c);
                if (caughtUp) onCorrection.run();
            }
        } catch (RuntimeException e) {
            bad.incrementAndGet();
            // the reason names fields and cuts values; it never carries the whole text
            log.warn("Skipping an undecodable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    boolean caughtUp() {
        return caughtUp;
    }

    boolean running() {
        return running;
    }

    String failure() {
        return failure;
    }

    long badRecords() {
        return bad.get();
    }

    @Override
    public void close() {
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            return;
        }
        running = false;
        try {
            consumer.wakeup();
        } catch (RuntimeException ignored) {
            // already closed by the reader thread
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
