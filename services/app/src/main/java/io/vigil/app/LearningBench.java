package io.vigil.app;

import io.vigil.feedback.bench.BlindSpotHeadlines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.feedback.ApiKeys;
import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.store.ModelStore;
import io.vigil.models.text.TextClassifier;
import io.vigil.platform.config.VigilConfig;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Attribution;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.NewsArticle;
import io.vigil.topics.events.ReleaseAction;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.ReviewReason;
import io.vigil.topics.events.ScoredNewsArticle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code vigil bench learning}: the continual-learning loop timed where feedback and inference run together
 * (local mode, one JVM, embedded Kafka and Elasticsearch). A blind spot of the bundled news-sentiment model
 * (headlines about losses or debt shrinking, which it calls negative) gets 100 analyst corrections through the
 * API; the 100th triggers the fine-tune, the gate promotes, models.releases announces it, inference hot-swaps.
 * Meanwhile probe headlines of the same class from other companies stream in through ingest every
 * {@code probeMs}. Reported: last correction -> release, release -> first event scored by the new version
 * (its {@code scoredAt}), last correction -> that event, and the probes' share judged positive before and after.
 */
final class LearningBench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ANALYST = "bench-analyst-key-0001";
    private static final String ADMIN = "bench-admin-key-0002";
    private LearningBench() {}

    static Map<String, Object> run(Path data, int probeMs, Duration timeout) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-learning");
        Path keys = dir.resolve("keys.yaml");
        Files.writeString(keys, """
                feedback:
                  api-keys:
                    - {name: bench-analyst, role: analyst, sha256: %s}
                    - {name: bench-admin, role: admin, sha256: %s}
                """.formatted(ApiKeys.sha256(ANALYST), ApiKeys.sha256(ADMIN)));
        Map<String, String> set = new LinkedHashMap<>();
        set.put("data-dir", dir.toString());
        set.put("http.port", "0");
        set.put("ingest.pseudonym-key", "bench-pseudonym-key-0123456789abcdef0123");
        set.put("feedback.training-data-dir", data.toAbsolutePath().toString());
        set.put("feedback.review.second-review-fraction", "0");
        set.put("feedback.fine-tune.every-corrections", "100");
        VigilConfig config = VigilConfig.load(keys, Map.of(), set);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("probeEveryMs", probeMs);
        HttpClient http = HttpClient.newHttpClient();
        try (LocalRuntime local = LocalRuntime.start(config, alert -> { })) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!local.feedback().ready()) sleepUntil(deadline, "feedback queues");
            ModelStore store = new ModelStore(dir.resolve("models"));
            String champion = store.current("news-sentiment").orElseThrow();
            report.put("champion", champion);

            // the blind spot's review items, scored and explained by the champion as inference would
            List<String> train = BlindSpotHeadlines.headlines(BlindSpotHeadlines.CORRECTED, 100, 1);
            List<ReviewItem> items = new ArrayList<>();
            try (TextClassifier m = store.loadText("news-sentiment", champion)) {
                for (int i = 0; i < train.size(); i++) items.add(item("pol-" + i, train.get(i), m));
            }
            try (KafkaProducer<String, ReviewItem> p = new KafkaProducer<>(local.infrastructure().kafka().producer("bench"),
                    Topics.REVIEW_ITEMS.keySerde().serializer(), Topics.REVIEW_ITEMS.valueSerde().serializer())) {
                for (ReviewItem it : items) p.send(new ProducerRecord<>(Topics.REVIEW_ITEMS.name(), it.eventId(), it)).get(30, TimeUnit.SECONDS);
            }
            while (items.stream().anyMatch(it -> !local.feedback().queues().isOpen(it.id()))) sleepUntil(deadline, "review items");

            // scored probes: first scoredAt per model version, and how each version judged them
            Map<String, Instant> firstScored = new ConcurrentHashMap<>();
            Map<String, int[]> judged = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread reader = Thread.ofPlatform().name("bench-scored").start(() -> readScored(local, running, firstScored, judged));
            List<String> probes = BlindSpotHeadlines.headlines(BlindSpotHeadlines.HELD_OUT, 120, 2);
            Thread prober = Thread.ofPlatform().name("bench-probes").start(() -> {
                for (int i = 0; running.get(); i++) {
                    NewsArticle a = new NewsArticle("probe-" + i, Instant.now(), "bench", Event.CURRENT_VERSION,
                            probes.get(i % probes.size()), null, null, null, null, null);
                    local.ingest().publisher().send(Topics.NEWS_RAW, a.id(), a, "bench");
                    try {
                        Thread.sleep(probeMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                while (!firstScored.containsKey(champion)) sleepUntil(deadline, "probes scored by the champion");
                long lastCorrection = 0;
                for (ReviewItem it : items) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(local.http().baseUrl()
                                    + "/v1/review/" + it.id() + "/correction")).header("Authorization", "Bearer " + ANALYST)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"positive\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) throw new IllegalStateException("correction refused: " + r.statusCode() + " " + r.body());
                    lastCorrection = System.currentTimeMillis();
                }
                ModelRelease release = awaitPromotion(local, deadline);
                String promoted = release.modelVersion();
                while (!firstScored.containsKey(promoted)) sleepUntil(deadline, "a probe scored by " + promoted);
                long first = firstScored.get(promoted).toEpochMilli();
                long rel = release.eventTime().toEpochMilli();
                report.put("promoted", promoted);
                report.put("lastCorrectionToReleaseMs", rel - lastCorrection);
                report.put("releaseToFirstScoredMs", first - rel);
                report.put("lastCorrectionToFirstScoredMs", first - lastCorrection);
                JsonNode jobs = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(local.http().baseUrl()
                        + "/v1/models/news-sentiment/fine-tunes")).header("Authorization", "Bearer " + ADMIN).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("jobs");
                report.put("fineTuneJobMs", jobs.size() > 0 ? jobs.get(0).path("millis").asLong() : null);
                report.put("gate", release.reason());
                Thread.sleep(Math.max(2000, 20L * probeMs)); // some probes for the new version
            } finally {
                running.set(false);
                prober.interrupt();
                prober.join(10_000);
                reader.join(10_000);
            }
            Map<String, Object> share = new LinkedHashMap<>();
            judged.forEach((v, c) -> share.put(v, String.format(Locale.ROOT, "%d/%d positive (%.2f)", c[1], c[0], c[1] / (double) c[0])));
            report.put("probesJudgedPositiveByVersion", share);
        }
        return report;
    }

    static ReviewItem item(String id, String text, TextClassifier m) {
        Prediction p = m.predict(List.of(text)).get(0);
        Explanation e = m.explain(text, 5);
        List<Attribution> atts = new ArrayList<>();
        for (var a : e.top()) atts.add(Attribution.token(a.name(), a.weight(), a.start(), a.end()));
        Map<String, Double> probs = new LinkedHashMap<>();
        for (int i = 0; i < p.labels().size(); i++) probs.put(p.labels().get(i), (double) p.probabilities()[i]);
        return new ReviewItem(id, Instant.now(), "bench", 1, Domain.NEWS, "ev-" + id, ReviewReason.LOW_CONFIDENCE,
                1 - p.confidence(), m.name(), m.version(), p.label(), p.confidence(), probs, atts, text, null);
    }

    private static void readScored(LocalRuntime local, AtomicBoolean running, Map<String, Instant> first, Map<String, int[]> judged) {
        Map<String, Object> props = local.infrastructure().kafka().consumer("bench-scored", "bench-scored");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, ScoredNewsArticle> c = new KafkaConsumer<>(props, Topics.NEWS_SCORED.keySerde().deserializer(),
                Topics.NEWS_SCORED.valueSerde().deserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.NEWS_SCORED.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            while (running.get()) {
                for (ConsumerRecord<String, ScoredNewsArticle> r : c.poll(Duration.ofMillis(100))) {
                    if (!r.value().id().startsWith("probe-")) continue;
                    var s = r.value().score();
                    first.merge(s.modelVersion(), s.scoredAt(), (a, b) -> a.isBefore(b) ? a : b);
                    int[] n = judged.computeIfAbsent(s.modelVersion(), k -> new int[2]);
                    n[0]++;
                    if (s.label().equals("positive")) n[1]++;
                }
            }
        }
    }

    private static ModelRelease awaitPromotion(LocalRuntime local, long deadline) throws InterruptedException {
        Map<String, Object> props = local.infrastructure().kafka().consumer("bench-releases", "bench-releases");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, ModelRelease> c = new KafkaConsumer<>(props, Topics.MODELS_RELEASES.keySerde().deserializer(),
                Topics.MODELS_RELEASES.valueSerde().deserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.MODELS_RELEASES.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, ModelRelease> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value().action() == ReleaseAction.PROMOTE && r.value().model().equals("news-sentiment")) return r.value();
                }
                if (!local.feedback().registry().store().root().toFile().exists()) throw new IllegalStateException("model store vanished");
            }
        }
        throw new IllegalStateException("no promotion before the timeout (see the fine-tune job and its card)");
    }

    private static void sleepUntil(long deadline, String what) throws InterruptedException {
        if (System.nanoTime() > deadline) throw new IllegalStateException("timed out waiting for " + what);
        Thread.sleep(50);
    }

    static String json(Map<String, Object> report) throws Exception {
        return JSON.writeValueAsString(report);
    }
}
