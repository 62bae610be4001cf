package io.vigil.inference.stream;

import io.vigil.inference.InferenceException;
import io.vigil.inference.InferenceMetrics;
import io.vigil.inference.InferenceSettings;
import io.vigil.inference.ModelSettings;
import io.vigil.inference.ReviewSelector;
import io.vigil.inference.Scores;
import io.vigil.inference.workload.ExplainWhen;
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
 * The exactly-once consume -> score -> produce loop: one loop and one transaction for all three input
 * topics. Each poll is one transaction: decode, group by model, score the groups concurrently through the
 * work-load manager (each model's pool batches on its own), produce scored events, review items and dead
 * letters, add the consumed offsets with {@code sendOffsetsToTransaction}, commit. Any failure aborts and
 * seeks back to the batch's first offsets, so the batch is scored again and nothing is lost or doubled
 * (read_committed readers never see the aborted attempt). Releases are applied only between transactions.
 */
public final class ScoringLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScoringLoop.class);

    private final InferenceSettings settings;
    private final WorkloadManager workload;
    private final ReleaseWatcher releases;
    private final ReviewSelector review;
    private final InferenceMetrics metrics;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String fatal;
    private volatile long lag = -1;
    private volatile long lastPollMillis = System.currentTimeMillis();
    private int failures;

    /** A domain route and the model that serves it. */
    record Binding(Route<Object> route, String model) {}

    private record Item(ConsumerRecord<String, byte[]> record, Prepared<Object> prepared, String id) {}

    @SuppressWarnings("unchecked")
    public ScoringLoop(Map<String, Object> consumerProps, Map<String, Object> producerProps, InferenceSettings settings,
                       WorkloadManager workload, ReleaseWatcher releases, ReviewSelector review, InferenceMetrics metrics) {
        this.settings = settings;
        this.workload = workload;
        this.releases = releases;
        this.review = review;
        this.metrics = metrics;
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
        this.thread = Thread.ofPlatform().name("inference-loop").unstarted(this::run);
    }

    public ScoringLoop start() {
        producer.initTransactions(); // fences a previous instance with the same transactional id
        consumer.subscribe(bindings.keySet());
        thread.start();
        log.info("scoring loop consumes {}", bindings.keySet());
        return this;
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
                int swapped = releases.applyPending(); // between transactions only
                if (swapped > 0) log.info("{} model version(s) swapped between transactions", swapped);
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(settings.pollTimeoutMs()));
                lastPollMillis = System.currentTimeMillis();
                updateLag();
                if (records.isEmpty()) continue;
                try {
                    process(records, failures >= settings.maxAttempts());
                    failures = 0;
                } catch (ProducerFencedException | InvalidProducerEpochException | AuthorizationException
                         | UnsupportedVersionException e) {
                    throw e; // cannot abort: another instance owns the transactional id, or we may not write
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abort(records, e);
                    break;
                } catch (Exception e) {
                    failures++;
                    abort(records, e);
                    Thread.sleep(Math.min(5_000, 100L << Math.min(failures, 6)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.error("scoring loop stopped", e);
        } finally {
            try {
                producer.close(Duration.ofSeconds(5));
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    private void abort(ConsumerRecords<String, byte[]> records, Exception cause) {
        log.warn("transaction aborted (attempt {}), rewinding {} records: {}", failures, records.count(), cause.toString());
        metrics.aborted();
        producer.abortTransaction();
        for (TopicPartition tp : records.partitions()) consumer.seek(tp, records.records(tp).getFirst().offset());
    }

    private void process(ConsumerRecords<String, byte[]> records, boolean deadLetterModelFailures) throws Exception {
        producer.beginTransaction();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        List<Runnable> afterCommit = new ArrayList<>();
        // Decoding and scoring overlap: a model's items are submitted as soon as a batch of them is decoded,
        // and results are encoded while the worker scores the next chunk (2 cores: this matters).
        Map<Binding, List<Item>> open = new LinkedHashMap<>();
        List<Chunk> chunks = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> rec : records) {
            Binding b = bindings.get(rec.topic());
            if (b == null || rec.value() == null) continue; // tombstones carry nothing to score
            DecodeResult<Object> d = b.route().input().jsonValueSerde().tryDecode(rec.value());
            if (d instanceof DecodeResult.Invalid<Object> inv) {
                out.add(deadLetter(rec, b, "cannot decode " + b.route().input().name() + " record: " + inv.message(),
                        inv.kind().wire(), afterCommit));
                continue;
            }
            Object event = d.orThrow();
            try {
                Prepared<Object> p = b.route().prepare(event, workload.registry().kind(b.model()), settings.maxTextChars());
                List<Item> items = open.computeIfAbsent(b, k -> new ArrayList<>());
                items.add(new Item(rec, p, b.route().id(event)));
                if (items.size() >= workload.settings(b.model()).batchSize()) chunks.add(submit(b, open.remove(b)));
            } catch (Unscorable u) {
                out.add(deadLetter(rec, b, u.getMessage(), u.errorType, afterCommit));
            }
        }
        for (Map.Entry<Binding, List<Item>> e : open.entrySet()) chunks.add(submit(e.getKey(), e.getValue()));
        Instant now = Instant.now();
        for (Chunk c : chunks) {
            Binding b = c.binding();
            List<Scored> results;
            try {
                results = c.result().get(settings.scoringTimeoutMs(), TimeUnit.MILLISECONDS);
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
        for (ProducerRecord<String, byte[]> r : out) producer.send(r);
        producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
        producer.commitTransaction(); // throws if any send failed: the batch is aborted and retried
        metrics.committed();
        afterCommit.forEach(Runnable::run);
    }

    private record Chunk(Binding binding, List<Item> items, CompletableFuture<List<Scored>> result) {}

    private Chunk submit(Binding b, List<Item> items) throws InterruptedException {
        ModelSettings ms = workload.settings(b.model());
        List<String> ids = items.stream().map(Item::id).toList();
        return new Chunk(b, items, workload.submitWaiting(b.model(), items.stream().map(i -> i.prepared().input()).toList(),
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
