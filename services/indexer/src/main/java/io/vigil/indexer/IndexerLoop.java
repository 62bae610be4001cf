package io.vigil.indexer;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer thread: polls, maps each record to its document and hands it to the {@link BulkSink}, tracks
 * acknowledgements per partition and commits only contiguous acknowledged offsets (from this thread, as
 * KafkaConsumer requires). Pauses every assigned partition while Elasticsearch is unavailable or too many
 * documents await acknowledgement, and resumes when that clears; a paused consumer keeps polling so it keeps
 * its group membership.
 */
final class IndexerLoop implements Runnable, BulkSink.Outcomes {

    private static final Logger log = LoggerFactory.getLogger(IndexerLoop.class);
    private static final Duration REVOKE_DRAIN = Duration.ofSeconds(3);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final DocumentMapper mapper;
    private final IndexerSettings settings;
    private final IndexerMetrics metrics;
    private final DeadLetterWriter deadLetters;
    private BulkSink sink;
    private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private volatile boolean running = true;
    private volatile String pausedBecause; // null while consuming
    private long lastCommit;

    IndexerLoop(KafkaConsumer<byte[], byte[]> consumer, List<String> topics, DocumentMapper mapper, IndexerSettings settings,
                IndexerMetrics metrics, DeadLetterWriter deadLetters) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.mapper = mapper;
        this.settings = settings;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    void sink(BulkSink sink) {
        this.sink = sink;
    }

    long pending() {
        return pending.get();
    }

    long lag() {
        return lag.get();
    }

    /** Why consumption is paused, or null while it runs. */
    String pausedBecause() {
        return pausedBecause;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        consumer.subscribe(topics, new Rebalance());
        try {
            while (running) {
                updatePause();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(settings.pollTimeoutMs()));
                for (ConsumerRecord<byte[], byte[]> r : records) handle(r);
                if (System.currentTimeMillis() - lastCommit >= settings.commitIntervalMs()) {
                    commitAcked();
                    updateLag();
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            log.error("indexer consumer loop failed; acknowledged offsets are committed, the rest is re-read on restart", e);
        } finally {
            shutdown();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        PartitionProgress p = progress.get(tp);
        if (p == null) return; // not ours any more (cannot happen within one poll; defensive)
        p.dispatched(r.offset());
        pending.incrementAndGet();
        IndexDocument mapped = mapper.map(r.topic(), r.value());
        PendingOp op = new PendingOp(tp, r.offset(), p, r.value(), mapped instanceof IndexDocument.Doc d ? d : null);
        switch (mapped) {
            case IndexDocument.Doc d -> sink.submit(op);
            case IndexDocument.Skip s -> ack(op);
            case IndexDocument.Reject x -> deadLetter(op, x.reason(), x.errorType(), "decode");
        }
    }

    @Override
    public void indexed(PendingOp op) {
        metrics.indexed(op.doc.family().name());
        ack(op);
    }

    @Override
    public void rejected(PendingOp op, String reason, String errorType) {
        deadLetter(op, reason, errorType, "mapping");
    }

    private void deadLetter(PendingOp op, String reason, String errorType, String kind) {
        metrics.deadLetter(kind);
        if (op.partition.topic().equals(io.vigil.topics.Topics.INDEXER_DLQ.name())) {
            // a dead letter of our own that cannot be indexed: writing it back to indexer.dlq would loop forever
            log.error("dropping unindexable dead letter {}: {}", op, reason);
            ack(op);
            return;
        }
        log.warn("dead-lettering {}: {}", op, reason);
        deadLetters.send(deadLetters.letter(op.partition.topic(), op.partition.partition(), op.offset, reason, errorType,
                op.original), () -> ack(op));
    }

    private void ack(PendingOp op) {
        if (op.progress.acked(op.offset)) pending.decrementAndGet();
    }

    private void updatePause() {
        String why = !sink.available() ? "elasticsearch unavailable: " + sink.lastFailure()
                : pending.get() >= settings.maxPendingDocuments() ? "backpressure: " + pending.get() + " documents await acknowledgement"
                : null;
        if (why != null && pausedBecause == null) {
            consumer.pause(consumer.assignment());
            log.info("consumption paused ({})", why);
        } else if (why == null && pausedBecause != null) {
            consumer.resume(consumer.paused());
            log.info("consumption resumed");
        }
        pausedBecause = why;
    }

    private void commitAcked() {
        lastCommit = System.currentTimeMillis();
        commit(progress.keySet());
    }

    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionProgress p = progress.get(tp);
            long c = p == null ? -1 : p.toCommit();
            if (c >= 0) offsets.put(tp, new OffsetAndMetadata(c));
        }
        if (offsets.isEmpty()) return;
        try {
            consumer.commitSync(offsets);
            offsets.forEach((tp, o) -> {
                PartitionProgress p = progress.get(tp);
                if (p != null) p.markCommitted(o.offset());
            });
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) { // e.g. a rebalance in progress: the next interval commits again
            log.warn("commit of {} partition(s) failed: {}", offsets.size(), e.toString());
        }
    }

    private void updateLag() {
        long sum = 0;
        for (TopicPartition tp : consumer.assignment()) sum += consumer.currentLag(tp).orElse(0);
        lag.set(sum);
    }

    private void shutdown() {
        try {
            sink.close(); // sends what is buffered, waits for in-flight requests
            deadLetters.flush();
            commit(progress.keySet());
        } catch (RuntimeException e) {
            log.warn("while stopping the indexer: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) return;
            // give what is in flight for these partitions a short chance to be acknowledged, then commit it
            sink.flush();
            long deadline = System.nanoTime() + REVOKE_DRAIN.toNanos();
            while (sink.available() && System.nanoTime() < deadline && inFlight(partitions) > 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            commit(partitions);
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions); // another member owns them already: committing would be refused
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) progress.put(tp, new PartitionProgress());
            if (pausedBecause != null) consumer.pause(partitions);
        }

        private int inFlight(Collection<TopicPartition> partitions) {
            int n = 0;
            for (TopicPartition tp : partitions) {
                PartitionProgress p = progress.get(tp);
                if (p != null) n += p.inFlightCount();
            }
            return n;
        }

        private void drop(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                PartitionProgress p = progress.remove(tp);
                if (p != null) pending.addAndGet(-p.revoke());
            }
        }
    }
}
