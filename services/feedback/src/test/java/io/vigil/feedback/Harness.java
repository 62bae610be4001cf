package io.vigil.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.text.TextClassifier;
import io.vigil.platform.config.KafkaSettings;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.health.Health;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.kafka.EmbeddedKafka;
import io.vigil.platform.kafka.KafkaClients;
import io.vigil.platform.kafka.TopicBootstrap;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.Topic;
import io.vigil.topics.TopicCatalog;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Attribution;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.ReviewReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A real embedded broker with the catalog's topics, a model store with a champion, and the feedback
 * service on a loopback HTTP port, with three keys: ann and bob (analysts), root (admin), svc (service).
 */
final class Harness implements AutoCloseable {

    static final String ANN = "ann-key-1", BOB = "bob-key-2", ROOT = "root-key-3", SVC = "svc-key-4";
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    final Path dir;
    final EmbeddedKafka kafka;
    final KafkaClients clients;
    final HttpApi http;
    final FeedbackService service;
    final Health health = new Health();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Path models;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Reply(int status, JsonNode body) {}

    Harness(Path dir, Map<String, String> overrides) {
        this.dir = dir;
        this.models = dir.resolve("models");
        kafka = EmbeddedKafka.builder(dir.resolve("kafka")).build().start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicBootstrap(admin).apply(TopicCatalog.standard().all());
        }
        clients = new KafkaClients(VigilConfig.defaults().bind("kafka", KafkaSettings.class).withBootstrapServers(kafka.bootstrapServers()));
        Map<String, String> o = new HashMap<>();
        o.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        o.put("feedback.models-dir", models.toString());
        o.put("feedback.training-data-dir", Champions.DATA.toString());
        o.putAll(overrides);
        // -Dfeedback.fine-tune.epochs=2 etc.: lets the bench try settings without code changes
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("feedback."))
                .forEach(k -> o.put(k, System.getProperty(k)));
        Path cfg = dir.resolve("feedback.yaml");
        try {
            java.nio.file.Files.writeString(cfg, """
                    feedback:
                      api-keys:
                        - {name: ann, role: analyst, sha256: %s}
                        - {name: bob, role: analyst, sha256: %s}
                        - {name: root, role: admin, sha256: %s}
                        - {name: svc, role: service, sha256: %s}
                    """.formatted(ApiKeys.sha256(ANN), ApiKeys.sha256(BOB), ApiKeys.sha256(ROOT), ApiKeys.sha256(SVC)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        VigilConfig config = VigilConfig.load(cfg, Map.of(), o);
        http = new HttpApi("127.0.0.1", 0).start();
        service = new FeedbackService(new ServiceContext(config, clients, dir.resolve("data"), health, meters, http));
    }

    Harness start() {
        service.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(service::ready);
        return this;
    }

    /** A review item for a text, scored and explained by the given model (as inference would). */
    static ReviewItem scored(String id, String text, TextClassifier model, ReviewReason reason) {
        Prediction p = model.predict(List.of(text)).get(0);
        Explanation e = model.explain(text, 5);
        List<Attribution> atts = new ArrayList<>();
        for (var a : e.top()) atts.add(Attribution.token(a.name(), a.weight(), a.start(), a.end()));
        Map<String, Double> probs = new LinkedHashMap<>();
        for (int i = 0; i < p.labels().size(); i++) probs.put(p.labels().get(i), (double) p.probabilities()[i]);
        return new ReviewItem(id, Instant.now(), "test-inference", 1, Domain.NEWS, "ev-" + id, reason, 1 - p.confidence(),
                model.name(), model.version(), p.label(), p.confidence(), probs, atts, text, null);
    }

    void publish(List<ReviewItem> items) {
        try (KafkaProducer<String, ReviewItem> p = producer(Topics.REVIEW_ITEMS)) {
            for (ReviewItem i : items) p.send(new ProducerRecord<>(Topics.REVIEW_ITEMS.name(), i.eventId(), i)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void publishDrift(List<io.vigil.topics.events.DriftMetric> metrics) {
        send(Topics.MONITORS_DRIFT, metrics.stream().map(m -> Map.entry(m.model() + "|" + m.modelVersion(), m)).toList());
    }

    void publishFairness(List<io.vigil.topics.events.FairnessMetric> metrics) {
        send(Topics.MONITORS_FAIRNESS, metrics.stream().map(m -> Map.entry(m.model() + "|" + m.attribute(), m)).toList());
    }

    private <V> void send(Topic<String, V> topic, List<Map.Entry<String, V>> records) {
        try (KafkaProducer<String, V> p = producer(topic)) {
            for (var r : records) p.send(new ProducerRecord<>(topic.name(), r.getKey(), r.getValue())).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
        return new KafkaProducer<>(clients.producer("test-producer"), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** Everything on a topic that matches, reading until n were seen or the deadline passed. */
    <V> List<V> read(Topic<String, V> topic, Predicate<V> filter, int n, Duration deadline) {
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(clients.consumer("test-reader", "test-" + System.nanoTime()),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            c.subscribe(List.of(topic.name()));
            long end = System.nanoTime() + deadline.toNanos();
            while (out.size() < n && System.nanoTime() < end) {
                c.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (filter.test(r.value())) out.add(r.value());
                });
            }
        }
        return out;
    }

    Reply call(String method, String path, String key, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).timeout(Duration.ofSeconds(60));
            if (key != null) b.header("Authorization", "Bearer " + key);
            if (body != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? JSON.getNodeFactory().textNode(r.body()) : JSON.readTree(r.body());
            return new Reply(r.statusCode(), node);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    @Override
    public void close() {
        service.close();
        http.close();
        kafka.stop();
    }
}
