package io.vigil.ingest.source;

import io.vigil.ingest.IngestMetrics;
import io.vigil.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes source events to their raw topics with an idempotent acks=all producer. Events are encoded (and so
 * schema-validated) before sending: an invalid event throws {@code EventValidationException} here, at the
 * source, where the caller can still answer 400. The record timestamp is left to the producer (ingestion
 * time): the event's own time travels in {@code eventTime}, and old replayed times must not trip retention.
 */
public final class RawPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final IngestMetrics metrics;

    public RawPublisher(Map<String, Object> producerConfig, IngestMetrics metrics) {
        this(new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()), metrics);
    }

    RawPublisher(Producer<String, byte[]> producer, IngestMetrics metrics) {
        this.producer = producer;
        this.metrics = metrics;
    }

    /** Encodes (validates) every event first, then sends them all and waits until the broker acknowledged each. */
    public <T> void publishAll(Topic<String, T> topic, List<Keyed<T>> events, String source) {
        List<byte[]> encoded = new ArrayList<>(events.size());
        for (Keyed<T> e : events) encoded.add(topic.jsonValueSerde().encode(e.event()));
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            acks.add(producer.send(new ProducerRecord<>(topic.name(), events.get(i).key(), encoded.get(i))));
        }
        for (Future<RecordMetadata> f : acks) {
            try {
                f.get(60, TimeUnit.SECONDS);
                metrics.accepted(source);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge a write to " + topic.name() + ": "
                        + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName(), e);
            }
        }
    }

    /** Sends one event without waiting (replays); validation still happens here. */
    public <T> Future<RecordMetadata> send(Topic<String, T> topic, String key, T event, String source) {
        byte[] bytes = topic.jsonValueSerde().encode(event);
        metrics.accepted(source);
        return producer.send(new ProducerRecord<>(topic.name(), key, bytes));
    }

    /** Raw bytes as they are (tests and benches that need malformed input on a raw topic). */
    public Future<RecordMetadata> sendBytes(Topic<String, ?> topic, String key, byte[] value) {
        return producer.send(new ProducerRecord<>(topic.name(), key, value));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }

    /** An event with its record key. */
    public record Keyed<T>(String key, T event) {
    }
}
