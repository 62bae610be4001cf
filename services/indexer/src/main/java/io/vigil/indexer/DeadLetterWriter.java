package io.vigil.indexer;

import io.vigil.platform.kafka.KafkaClients;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.Protection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes records the indexer cannot index to {@code indexer.dlq} (reason, error type, source position, original
 * bytes or their hash) and reports each one done only once Kafka acknowledged it, so its source offset is
 * committed after the dead letter is safe. A failed send is retried with backoff.
 */
final class DeadLetterWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);
    static final String SOURCE = "indexer";

    private final KafkaProducer<String, DeadLetter> producer;
    private final Backoff backoff;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "indexer-dlq-retry");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    DeadLetterWriter(KafkaClients kafka, Backoff backoff, Clock clock) {
        this.producer = new KafkaProducer<>(kafka.producer("indexer-dlq"), Topics.INDEXER_DLQ.keySerde().serializer(),
                Topics.INDEXER_DLQ.valueSerde().serializer());
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * The dead letter of one record. Notes (even de-identified) and other dead letters never travel in clear:
     * their original bytes are withheld, only the hash is kept.
     */
    DeadLetter letter(String sourceTopic, int partition, long offset, String reason, String errorType, byte[] original) {
        Protection protection = sourceTopic.startsWith("notes.") || sourceTopic.endsWith(".dlq") ? Protection.WITHHELD : Protection.NONE;
        return DeadLetter.of(clock.instant(), SOURCE, sourceTopic, partition, offset, reason, errorType,
                original == null ? new byte[0] : original, protection, null);
    }

    /** Sends it; {@code done} runs once Kafka has it (on the producer's I/O thread). */
    void send(DeadLetter letter, Runnable done) {
        send(letter, done, 1);
    }

    private void send(DeadLetter letter, Runnable done, int attempt) {
        if (closed) return; // left uncommitted: dead-lettered again after the restart
        producer.send(new ProducerRecord<>(Topics.INDEXER_DLQ.name(), letter.id(), letter), (meta, error) -> {
            if (error == null) {
                done.run();
                return;
            }
            log.warn("dead letter {} not written (attempt {}): {}", letter.id(), attempt, error.toString());
            try {
                timer.schedule(() -> send(letter, done, attempt + 1), backoff.delayMillis(attempt), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // closing
            }
        });
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
