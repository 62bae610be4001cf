package io.vigil.alerts.notify;

import io.vigil.alerts.AlertListener;
import io.vigil.alerts.AlertMeters;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.Protection;
import io.vigil.topics.serde.DecodeResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Reads committed alerts and hands each to the listeners (the printer) and to every webhook URL. The offset of
 * an alert is committed only after it was delivered to every URL or dead-lettered to {@code alerts.dlq}:
 * at-least-once delivery, which receivers dedupe by the {@code Idempotency-Key} header (the alert id).
 * One alert at a time, in partition order.
 */
public final class AlertNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);

    private final Map<String, Object> consumerProps;
    private final Map<String, Object> producerProps;
    private final WebhookSettings settings;
    private final List<AlertListener> listeners;
    private final AlertMeters meters;
    private final WebhookSender sender;
    private final List<URI> urls;
    private volatile boolean running;
    private volatile String failure;
    private Thread thread;
    private KafkaConsumer<String, byte[]> consumer;

    /**
     * @param consumerProps from {@code KafkaClients.consumer} (read_committed, no auto-commit)
     * @param producerProps from {@code KafkaClients.producer} (idempotent, acks=all), for dead letters
     */
    public AlertNotifier(Map<String, Object> consumerProps, Map<String, Object> producerProps, WebhookSettings settings,
                         List<AlertListener> listeners, AlertMeters meters) {
        this.consumerProps = new HashMap<>(consumerProps);
        this.producerProps = new HashMap<>(producerProps);
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        this.meters = meters;
        this.sender = new WebhookSender(settings, meters, new Random());
        this.urls = settings.urls().stream().map(URI::create).toList();
        // a slow receiver must not cost us the group membership: allow the worst case of one poll
        long perAlert = urls.size() * (long) settings.maxAttempts() * (settings.timeoutMs() + settings.maxBackoffMs());
        int maxPoll = 10;
        this.consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPoll);
        this.consumerProps.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, Math.max(300_000, maxPoll * perAlert + 60_000)));
    }

    public synchronized void start() {
        if (running) return;
        running = true;
        thread = new Thread(this::run, "alerts-notifier");
        thread.setDaemon(true);
        thread.start();
    }

    /** Null while healthy; otherwise why the loop stopped. */
    public String failure() {
        return failure;
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, DeadLetter> dlq = new KafkaProducer<>(producerProps,
                     Topics.ALERTS_DLQ.keySerde().serializer(), Topics.ALERTS_DLQ.valueSerde().serializer())) {
            consumer = c;
            c.subscribe(List.of(Topics.ALERTS.name()));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    if (!handle(record, dlq)) return; // stopping mid-delivery: leave it uncommitted for the next run
                    c.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            if (running) failure = "woken up unexpectedly";
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.error("Alert notifier stopped", e);
        } finally {
            running = false;
        }
    }

    /** @return false when the notifier is stopping and this alert must stay uncommitted */
    private boolean handle(ConsumerRecord<String, byte[]> record, KafkaProducer<String, DeadLetter> dlq) {
        DecodeResult<Alert> decoded = Topics.ALERTS.jsonValueSerde().tryDecode(record.value());
        if (decoded instanceof DecodeResult.Invalid<Alert> invalid) {
            deadLetter(dlq, record, "undecodable alert: " + invalid.message(), invalid.kind().wire());
            return true;
        }
        Alert alert = decoded.orThrow();
        if (alert == null) return true; // tombstone
        for (AlertListener l : listeners) {
            try {
                l.onAlert(alert);
            } catch (RuntimeException e) {
                log.warn("Alert listener {} failed on {}", l, alert.id(), e);
            }
        }
        List<String> errors = new ArrayList<>();
        String errorType = null;
        for (URI url : urls) {
            WebhookSender.Outcome out = sender.deliver(url, alert.id(), record.value());
            if (out.stopped()) return false;
            if (!out.delivered()) {
                errors.add(out.error() + " (after " + out.attempts() + " attempt" + (out.attempts() == 1 ? "" : "s") + ")");
                errorType = out.errorType();
            }
        }
        if (errors.isEmpty()) {
            if (!urls.isEmpty()) meters.delivered();
        } else {
            deadLetter(dlq, record, "webhook delivery failed: " + String.join("; ", errors), errorType);
        }
        return true;
    }

    private void deadLetter(KafkaProducer<String, DeadLetter> dlq, ConsumerRecord<String, byte[]> record, String reason,
                            String errorType) {
        byte[] original = record.value() == null ? new byte[0] : record.value();
        // alerts carry ids, keys and titles, no note text: kept in clear so the alert can be replayed
        DeadLetter letter = DeadLetter.of(record.topic(), record.partition(), record.offset(), reason, errorType,
                original, Protection.NONE);
        try {
            dlq.send(new ProducerRecord<>(Topics.ALERTS_DLQ.name(), letter.id(), letter)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + letter.id(), e);
        } catch (Exception e) {
            // not committed: the alert is retried after a restart rather than lost
            throw new IllegalStateException("cannot dead-letter alert " + letter.id() + ": " + e.getMessage(), e);
        }
        meters.deadLettered(errorType);
        log.warn("Alert {} dead-lettered: {}", letter.id(), reason);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        sender.stop();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) c.wakeup();
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(settings.timeoutMs() / 1000 + 30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender.close();
    }
}
