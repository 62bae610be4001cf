package io.vigil.inference.stream;

import io.vigil.inference.InferenceException;
import io.vigil.inference.InferenceMetrics;
import io.vigil.inference.InferenceSettings;
import io.vigil.inference.ModelSettings;
import io.vigil.inference.ReviewSelector;
import io.vigil.inference.Scores;
import io.vigil.inference.workload.ExplainWhen;
import io.vigil.inference.workload.Lease;
import io.vigil.inference.workload.Scored;
import io.vigil.inference.workload.WorkloadManager;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Protection;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.Score;
import io.vigil.topics.serde.DecodeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once consume -> score -> produce loop: one consumer and one transactional producer for all
 * three input topics. Each poll is one transaction: decode, group by model, score the groups concurrently
 * through the work-load manager (each model's pool batches on its own), produce scored events, review items
 * and dead letters, add the consumed offsets with {@code sendOffsetsToTransaction}, commit.
 *
 * <p>Pipelined: up to {@code pipeline.depth} polls are decoded and queued for scoring while the oldest one is
 * produced and committed, so the models do not sit idle during commit round trips. Only the oldest poll is
 * ever in a transaction, and its offsets are exactly its own records', so commits stay in offset order. Any
 * failure aborts and seeks every partition back to the first offset of the oldest poll in flight: every
 * poll in flight is scored again and nothing is lost or doubled (read_committed readers never see the
 * aborted attempt). A rebalance drops what is in flight the same way (nothing of it was produced yet).
 * Each poll's inputs are pinned to the model version live when it was queued, so a release applied between
 * transactions never splits a transaction across versions.
 */
public final class ScoringLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScoringLoop.class);

    private final InferenceSettings settings;
    private final WorkloadManager workload;
    private final ReleaseWatcher releases;
    private final ReviewSelector review;
    private final InferenceMetrics metrics;
    private final LoopProfile profile;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String fatal;
    private volatile long lag = -1;
    private volatile long lastPollMillis = System.currentTimeMillis();
    private int failures;
    /** Polls decoded and queued for scoring, oldest first; only the oldest is ever in a transaction. */
    private final java.util.ArrayDeque<Batch> inFlight = new java.util.ArrayDeque<>();
    private boolean transactionOpen;
    private long lastCpu;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** A domain route and the model that serves it. */
    record Binding(Route<Object> route, String model) {}

    private record Item(ConsumerRecord<String, byte[]> record, Prepared<Object> prepared, String id) {}

    @SuppressWarnings("unchecked")
    public ScoringLoop(Map<String, Object> consumerProps, Map<String, Object> producerProps, InferenceSettings settings,
                       WorkloadManager workload, ReleaseWatcher releases, ReviewSelector review, InferenceMetrics metrics) {
        this(consumerProps, producerProps, settings, workload, releases, review, metrics, new LoopProfile(), "inference-loop");
    }

    /**
     * @param releases applied by this loop between its transactions, or null when another loop of the
     *                 instance applies them (the watcher's consumer is single-threaded)
     * @param profile  where phase timings are added (may be shared by several loops)
     */
    @SuppressWarnings("unchecked")
    public ScoringLoop(Map<String, Object> consumerProps, Map<String, Object> producerProps, InferenceSettings settings,
                       WorkloadManager workload, ReleaseWatcher releases, ReviewSelector review, InferenceMetrics metrics,
                       LoopProfile profile, String threadName) {
        this.settings = settings;
        this.workload = workload;
        this.releases = releases;
        this.review = review;
        this.metrics = metrics;
        this.profile = profile;
        for (Route<?> r : List.of(new NewsRoute(), new TransactionRoute(), new NoteRoute())) {
            String model = settings.modelFor(r.domain().wire());
            if (model == null || !workload.registry().serves(model)) {
                log.warn("no model serves {} ({}); {} is not consumed", r.domain().wire(), model, r.input().name());
                continue;
            }
            bindings.put(r.input().name(), new Binding((Route<Object>) r, model));
        }
        Map<String, Object> c = new HashMap<>(consumerProps);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        this.thread = Thread.ofPlatform().name(threadName).unstarted(this::run);
    }

    public ScoringLoop start() {
        producer.initTransactions(); // fences a previous instance with the same transactional id
        consumer.subscribe(bindings.keySet(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                // runs inside poll on the loop thread, between transactions: nothing in flight is produced yet,
                // so dropping it is safe; the partitions we keep are rewound to their first uncommitted offset
                if (!inFlight.isEmpty()) rewind("rebalance", null);
            }

            @Override
            public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {}
        });
        thread.start();
        log.info("scoring loop consumes {}", bindings.keySet());
        return this;
    }

    /** Where this loop's time goes, per transaction phase. */
    public LoopProfile profile() {
        return profile;
    }

    public List<String> topics() {
        return List.copyOf(bindings.keySet());
    }

    public boolean alive() {
        return thread.isAlive() && fatal == null;
    }

    public String fatal() {
        return fatal;
    }

    /** Records behind the committed position on the assigned partitions (-1 before the first poll). */
    public long lag() {
        return lag;
    }

    public long millisSinceLastPoll() {
        return System.currentTimeMillis() - lastPollMillis;
    }

    private void run() {
        try {
            while (running) {
                // safe with polls in flight: each was pinned to its version when it was queued
                int swapped = releases == null ? 0 : releases.applyPending();
                if (swapped > 0) log.info("{} model version(s) swapped between transactions", swapped);
                boolean polled = false;
                if (inFlight.size() < settings.pipeline().depth()) {
                    // block only when nothing is waiting to be committed
                    Duration timeout = inFlight.isEmpty() ? Duration.ofMillis(settings.pollTimeoutMs()) : Duration.ZERO;
                    long p0 = System.nanoTime();
                    ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
                    lastPollMillis = System.currentTimeMillis();
                    updateLag();
                    if (records.isEmpty()) {
                        profile.emptyPoll(System.nanoTime() - p0);
                    } else {
                        profile.add(LoopProfile.Phase.POLL, System.nanoTime() - p0);
                        polled = true;
                        try {
                            inFlight.addLast(prepare(records));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            inFlight.addLast(new Batch(records, List.of(), List.of()));
                            rewind("stop", e);
                            break;
                        }
                    }
                }
                // commit the oldest poll once the pipeline is full, or when nothing more arrived to queue behind it
                if (!inFlight.isEmpty() && (!polled || inFlight.size() >= settings.pipeline().depth())) {
                    try {
                        commit(inFlight.peekFirst(), failures >= settings.maxAttempts());
                        inFlight.removeFirst();
                        failures = 0;
                    } catch (ProducerFencedException | InvalidProducerEpochException | AuthorizationException
                             | UnsupportedVersionException e) {
                        throw e; // cannot abort: another instance owns the transactional id, or we may not write
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        abort(e);
                        break;
                    } catch (Exception e) {
                        failures++;
                        abort(e);
                        Thread.sleep(Math.min(5_000, 100L << Math.min(failures, 6)));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.error("scoring loop stopped", e);
        } finally {
            // polls still in flight were never produced: the next owner of their partitions scores them
            if (!inFlight.isEmpty()) {
                int n = inFlight.stream().mapToInt(b -> b.records().count()).sum();
                log.info("stopping with {} poll(s) in flight ({} records, not produced): consumed again by the next owner", inFlight.size(), n);
                metrics.dropped("stop", n);
                inFlight.clear();
            }
            try {
                producer.close(Duration.ofSeconds(5));
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    private void abort(Exception cause) {
        metrics.aborted();
        if (transactionOpen) {
            transactionOpen = false;
            producer.abortTransaction();
        }
        rewind("abort", cause);
    }

    /**
     * Forgets every poll in flight (nothing of them is committed) and seeks each partition back to the first
     * offset of the oldest one, so they are consumed, scored and produced again.
     */
    private void rewind(String reason, Exception cause) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        int count = 0;
        for (Batch b : inFlight) {
            count += b.records().count();
            for (TopicPartition tp : b.records().partitions()) first.putIfAbsent(tp, b.records().records(tp).getFirst().offset());
        }
        inFlight.clear();
        metrics.dropped(reason, count);
        if (cause != null) log.warn("transaction aborted (attempt {}), rewinding {} records: {}", failures, count, cause.toString());
        else log.info("{}: rewinding {} records in flight", reason, count);
        java.util.Set<TopicPartition> assigned = consumer.assignment();
        first.forEach((tp, offset) -> {
            if (assigned.contains(tp)) consumer.seek(tp, offset); // a revoked partition restarts from its committed offset
        });
    }

    /** A poll decoded and queued for scoring, not yet produced or committed. */
    private record Batch(ConsumerRecords<String, byte[]> records, List<Chunk> chunks, List<Failed> failed) {}

    /** An input that never reached a model: its dead letter is produced in the batch's transaction. */
    private record Failed(ConsumerRecord<String, byte[]> record, Binding binding, String reason, String errorType) {}

    /**
     * Decodes a poll and queues its inputs for scoring, a model's items as soon as a batch of them is decoded
     * (decoding overlaps scoring). All of a poll's inputs for one model are pinned to one version.
     */
    private Batch prepare(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        long t0 = System.nanoTime();
        List<Failed> failed = new ArrayList<>();
        Map<Binding, List<Item>> open = new LinkedHashMap<>();
        Map<String, Lease> leases = new HashMap<>();
        List<Chunk> chunks = new ArrayList<>();
        try {
            for (ConsumerRecord<String, byte[]> rec : records) {
                Binding b = bindings.get(rec.topic());
                if (b == null || rec.value() == null) continue; // tombstones carry nothing to score
                DecodeResult<Object> d = b.route().input().jsonValueSerde().tryDecode(rec.value());
                if (d instanceof DecodeResult.Invalid<Object> inv) {
                    failed.add(new Failed(rec, b, "cannot decode " + b.route().input().name() + " record: " + inv.message(),
                            inv.kind().wire()));
                    continue;
                }
                Object event = d.orThrow();
                Lease lease = leases.computeIfAbsent(b.model(), m -> workload.registry().lease(m));
                try {
                    Prepared<Object> p = b.route().prepare(event, lease.kind(), settings.maxTextChars());
                    List<Item> items = open.computeIfAbsent(b, k -> new ArrayList<>());
                    items.add(new Item(rec, p, b.route().id(event)));
                    if (items.size() >= workload.settings(b.model()).batchSize()) chunks.add(submit(lease, b, open.remove(b)));
                } catch (Unscorable u) {
                    failed.add(new Failed(rec, b, u.getMessage(), u.errorType));
                }
            }
            for (Map.Entry<Binding, List<Item>> e : open.entrySet()) chunks.add(submit(leases.get(e.getKey().model()), e.getKey(), e.getValue()));
        } finally {
            leases.values().forEach(Lease::close); // queued jobs hold their version themselves
        }
        profile.add(LoopProfile.Phase.DECODE, System.nanoTime() - t0);
        return new Batch(records, chunks, failed);
    }

    /** Waits for a poll's scores, then produces everything and its offsets in one transaction. */
    private void commit(Batch batch, boolean deadLetterModelFailures) throws Exception {
        long t1 = System.nanoTime();
        List<Runnable> afterCommit = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        for (Failed f : batch.failed()) out.add(deadLetter(f.record(), f.binding(), f.reason(), f.errorType(), afterCommit));
        long waited = 0;
        Instant now = Instant.now();
        for (Chunk c : batch.chunks()) {
            Binding b = c.binding();
            List<Scored> results;
            long w0 = System.nanoTime();
            try {
                results = c.result().get(settings.scoringTimeoutMs(), TimeUnit.MILLISECONDS);
                waited += System.nanoTime() - w0;
            } catch (ExecutionException e) {
                if (deadLetterModelFailures && e.getCause() instanceof InferenceException.ModelFailure f) {
                    for (Item it : c.items()) {
                        out.add(deadLetter(it.record(), b, "model " + b.model() + " failed " + settings.maxAttempts()
                                + " times on this batch: " + f.getMessage(), "model-failure", afterCommit));
                    }
                    continue;
                }
                throw e;
            } catch (TimeoutException e) {
                throw new KafkaException("scoring " + c.items().size() + " events with " + b.model() + " timed out", e);
            }
            ModelSettings ms = workload.settings(b.model());
            for (int i = 0; i < results.size(); i++) {
                out.addAll(scoredRecords(b, ms, c.items().get(i), results.get(i), now, afterCommit));
            }
        }
        long t2 = System.nanoTime();
        profile.add(LoopProfile.Phase.SCORE_WAIT, waited);
        profile.add(LoopProfile.Phase.ENCODE, t2 - t1 - waited);
        producer.beginTransaction();
        transactionOpen = true;
        for (ProducerRecord<String, byte[]> r : out) producer.send(r);
        long t3 = System.nanoTime();
        producer.sendOffsetsToTransaction(nextOffsets(batch.records()), consumer.groupMetadata());
        long t4 = System.nanoTime();
        producer.commitTransaction(); // throws if any send failed: the batch is aborted and retried
        transactionOpen = false;
        long t5 = System.nanoTime();
        profile.add(LoopProfile.Phase.SEND, t3 - t2);
        profile.add(LoopProfile.Phase.SEND_OFFSETS, t4 - t3);
        profile.add(LoopProfile.Phase.COMMIT, t5 - t4);
        profile.transaction(batch.records().count());
        long cpu = THREADS.getCurrentThreadCpuTime();
        if (cpu > 0 && lastCpu > 0) profile.cpu(cpu - lastCpu);
        lastCpu = cpu;
        metrics.committed();
        afterCommit.forEach(Runnable::run);
    }

    private record Chunk(Binding binding, List<Item> items, CompletableFuture<List<Scored>> result) {}

    private Chunk submit(Lease lease, Binding b, List<Item> items) throws InterruptedException {
        ModelSettings ms = workload.settings(b.model());
        List<String> ids = items.stream().map(Item::id).toList();
        return new Chunk(b, items, workload.submitWaiting(lease, items.stream().map(i -> i.prepared().input()).toList(),
                explainWhen(ms, ids)));
    }

    private ExplainWhen explainWhen(ModelSettings ms, List<String> ids) {
        return (i, p) -> Scores.explainPolicy(ms, p, ids.get(i), settings.review().seed())
                || review.select(ids.get(i), ms, p).isPresent();
    }

    private List<ProducerRecord<String, byte[]>> scoredRecords(Binding b, ModelSettings ms, Item it, Scored r, Instant now,
                                                               List<Runnable> afterCommit) {
        Route<Object> route = b.route();
        Object event = it.prepared().event();
        // the kill switch serves the rules under the reserved version "rules" (ReleaseWatcher)
        Score score = Scores.score(ms, r, it.prepared().note(), now, Scores.mode(r));
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(2);
        String key = it.record().key() != null ? it.record().key() : it.id();
        try {
            out.add(new ProducerRecord<>(route.output().name(), key, encode(route.output(), route.scored(event, score, settings.source()))));
        } catch (SerializationException | IllegalArgumentException e) {
            return List.of(deadLetter(it.record(), b, "scored event failed validation: " + e.getMessage(), "invalid-output", afterCommit));
        }
        afterCommit.add(() -> metrics.scored(r.model(), r.version(), r.latencyMs()));
        review.select(it.id(), ms, r.prediction()).ifPresent(sel -> {
            ReviewItem item = new ReviewItem(reviewId(it.id()), now, settings.source(), 1, route.domain(), it.id(),
                    sel.reason(), sel.priority(), r.model(), r.version(), score.label(), score.score(),
                    score.probabilities(), score.explanation(), route.reviewText(event), route.reviewFeatures(event));
            out.add(new ProducerRecord<>(Topics.REVIEW_ITEMS.name(), it.id(), encode(Topics.REVIEW_ITEMS, item)));
            afterCommit.add(() -> metrics.review(sel.reason().wire()));
        });
        return out;
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> rec, Binding b, String reason,
                                                      String errorType, List<Runnable> afterCommit) {
        byte[] original = rec.value();
        // notes are patient data even de-identified: never carried in clear; huge originals are withheld too
        Protection protection = Protection.NONE;
        if (b.route().domain() == Domain.NOTES) {
            protection = Protection.WITHHELD;
        } else if (original.length > settings.maxDlqOriginalBytes()) {
            protection = Protection.WITHHELD;
            reason = reason + " (original of " + original.length + " bytes withheld: over " + settings.maxDlqOriginalBytes() + ")";
        }
        DeadLetter dl = DeadLetter.of(Instant.now(), settings.source(), rec.topic(), rec.partition(), rec.offset(),
                reason, errorType, original, protection, null);
        afterCommit.add(() -> metrics.deadLetter(errorType));
        return new ProducerRecord<>(Topics.INFERENCE_DLQ.name(), dl.id(), encode(Topics.INFERENCE_DLQ, dl));
    }

    @SuppressWarnings("unchecked")
    private static <V> byte[] encode(Topic<String, V> topic, Object value) {
        return topic.valueSerde().serializer().serialize(topic.name(), (V) value);
    }

    private static String reviewId(String eventId) {
        String id = "review-" + eventId;
        return id.length() <= 200 ? id : "review-" + DeadLetter.sha256Hex(eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 32);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            offsets.put(tp, new OffsetAndMetadata(records.records(tp).getLast().offset() + 1));
        }
        return offsets;
    }

    private void updateLag() {
        long sum = 0;
        for (TopicPartition tp : consumer.assignment()) {
            var l = consumer.currentLag(tp);
            if (l.isPresent()) sum += l.getAsLong();
        }
        lag = sum;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
