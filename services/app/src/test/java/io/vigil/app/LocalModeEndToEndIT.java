package io.vigil.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.ingest.source.DatasetReplay;
import io.vigil.platform.config.VigilConfig;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode end to end, on the real embedded Kafka and Elasticsearch with the bundled models: a fixed slice
 * of the datasets plus a planted news surge and a planted burst of risky transfers go in; scored documents for
 * all three domains come out in Elasticsearch and alerts fire; after a stop and a start on the same data
 * directory, replaying the same slice again changes nothing: every id is scored and indexed exactly once.
 */
class LocalModeEndToEndIT {

    static final Path DATA = Path.of("../../data").toAbsolutePath().normalize();
    static final int NEWS = 120, TRANSACTIONS = 400, NOTES = 12;

    @TempDir
    Path dir;

    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    static final String ANALYST_KEY = "e2e-analyst-key-not-a-real-secret";

    VigilConfig config() throws Exception {
        Path keys = dir.resolve("keys.yaml");
        java.nio.file.Files.writeString(keys, "feedback:\n  api-keys:\n    - { name: e2e-analyst, role: analyst, sha256: "
                + io.vigil.feedback.ApiKeys.sha256(ANALYST_KEY) + " }\n");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("data-dir", dir.toString());
        set.put("http.port", "0");
        set.put("ingest.replay.data-dir", DATA.toString());
        // unpaced: the test decides how much goes in
        set.put("ingest.replay.news-per-second", "0");
        set.put("ingest.replay.transactions-per-second", "0");
        set.put("ingest.replay.notes-per-second", "0");
        set.put("ingest.pseudonym-key", "e2e-test-pseudonym-key-0123456789abcdef");
        set.put("feedback.training-data-dir", DATA.toString());
        set.put("feedback.fine-tune.enabled", "false");
        return VigilConfig.loadAll(List.of(keys), Map.of(), set);
    }

    @Test
    void scoredIndexedAlertedAndExactlyOnceAcrossARestart() throws Exception {
        Set<String> sent = new HashSet<>();
        Map<String, Long> firstCounts;
        try (LocalRuntime local = LocalRuntime.start(config(), alerts::add)) {
            DatasetReplay replay = local.ingest().datasetReplay(DATA);
            assertThat(replay.dataPresent()).isTrue();
            replay.replayNews(NEWS);
            replay.replayTransactions(TRANSACTIONS);
            replay.replayNotes(NOTES);
            plantNewsSurge(local, sent);
            plantRiskyTransfers(local, sent);

            ElasticsearchClient es = local.infrastructure().elasticsearch();
            awaitTrue(Duration.ofMinutes(6), () -> indexed(es, "vigil-news") >= NEWS - 5
                    && indexed(es, "vigil-transactions") >= TRANSACTIONS - 5 && indexed(es, "vigil-notes") >= NOTES - 2);
            awaitTrue(Duration.ofMinutes(2), () -> rules().containsAll(List.of("negative-surge", "high-risk", "risk-velocity", "urgent-risk")));
            // let in-flight work settle, then count what went where
            Thread.sleep(5_000);
            firstCounts = accountFor(local);
            assertThat(rules()).as("alert rules that fired").contains("negative-surge", "high-risk", "risk-velocity", "urgent-risk");
            assertThat(alerts).allSatisfy(a -> assertThat(a.eventIds()).isNotEmpty());

            // an analyst corrects a high-risk transaction through the API; the correction is indexed
            String correctedEvent = correctOneTransaction(local);
            awaitTrue(Duration.ofMinutes(2), () -> indexedCorrections(es, correctedEvent) == 1);
            assertThat(indexedCorrections(es, correctedEvent)).isEqualTo(1);
        }

        // Start again on the same data directory and replay the very same slice: ingest dedupes by id, so
        // nothing new may be scored or indexed, and nothing that was there may be lost.
        try (LocalRuntime local = LocalRuntime.start(config(), alerts::add)) {
            DatasetReplay replay = local.ingest().datasetReplay(DATA);
            replay.replayNews(NEWS);
            replay.replayTransactions(TRANSACTIONS);
            replay.replayNotes(NOTES);
            Thread.sleep(20_000);
            Map<String, Long> secondCounts = accountFor(local);
            assertThat(secondCounts).isEqualTo(firstCounts);
        }
    }

    String correctOneTransaction(LocalRuntime local) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode queue = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(local.http().baseUrl() + "/v1/review/transactions?limit=5"))
                    .header("X-API-Key", ANALYST_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            queue = json.readTree(r.body());
            if (!queue.path("items").isEmpty()) break;
            Thread.sleep(1000);
        }
        assertThat(queue.path("items")).as("review queue for transactions").isNotEmpty();
        JsonNode item = queue.path("items").get(0);
        String label = item.path("label").asText().equals("fraud") ? "legit" : "fraud";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(local.http().baseUrl() + "/v1/review/"
                        + item.path("itemId").asText() + "/correction"))
                .header("X-API-Key", ANALYST_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + label + "\",\"comment\":\"e2e\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        // without a key the same call is refused
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(local.http().baseUrl() + "/v1/review/transactions"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        return item.path("eventId").asText();
    }

    static long indexedCorrections(ElasticsearchClient es, String eventId) {
        try {
            es.indices().refresh(r -> r.index("vigil-corrections").allowNoIndices(true).ignoreUnavailable(true));
            return es.count(c -> c.index("vigil-corrections").allowNoIndices(true).ignoreUnavailable(true)
                    .query(q -> q.term(t -> t.field("eventId").value(eventId)))).count();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Per domain: the scored topic holds each id once, and Elasticsearch holds exactly those ids. */
    Map<String, Long> accountFor(LocalRuntime local) throws Exception {
        ElasticsearchClient es = local.infrastructure().elasticsearch();
        Map<String, Long> counts = new LinkedHashMap<>();
        record Domain(Topic<String, ? extends Event> scored, String index, int expected) {
        }
        for (Domain d : List.of(new Domain(Topics.NEWS_SCORED, "vigil-news", NEWS + 8),
                new Domain(Topics.TRANSACTIONS_SCORED, "vigil-transactions", TRANSACTIONS + 4),
                new Domain(Topics.NOTES_SCORED, "vigil-notes", NOTES))) {
            List<String> ids = readAll(local, d.scored()).stream().map(Event::id).toList();
            assertThat(new HashSet<>(ids)).as(d.scored().name() + " has no duplicates").hasSize(ids.size());
            long deadLettered = deadLettered(local, d.scored());
            // nothing lost: every event sent was either scored or dead-lettered with a reason
            assertThat(ids.size() + deadLettered).as(d.scored().name() + " scored + dead-lettered").isEqualTo(d.expected());
            assertThat(indexed(es, d.index())).as(d.index() + " holds every scored id").isEqualTo(ids.size());
            counts.put(d.index(), (long) ids.size());
            counts.put(d.index() + ".dlq", deadLettered);
        }
        return counts;
    }

    long deadLettered(LocalRuntime local, Topic<String, ? extends Event> scored) throws Exception {
        String raw = switch (scored.name()) {
            case "news.scored" -> "news";
            case "transactions.scored" -> "transactions";
            default -> "notes";
        };
        Set<String> ids = new HashSet<>();
        for (Topic<String, DeadLetter> dlq : List.of(Topics.INGEST_DLQ, Topics.INFERENCE_DLQ)) {
            for (DeadLetter l : readAll(local, dlq)) if (l.sourceTopic().startsWith(raw)) ids.add(l.id());
        }
        return ids.size();
    }

    static <V> List<V> readAll(LocalRuntime local, Topic<String, V> topic) {
        Map<String, Object> props = new HashMap<>(local.infrastructure().kafka().consumer("e2e", "e2e-" + System.nanoTime()));
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    out.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
                }
            }
        }
        return out;
    }

    static long indexed(ElasticsearchClient es, String alias) {
        try {
            es.indices().refresh(r -> r.index(alias).allowNoIndices(true).ignoreUnavailable(true));
            return es.count(c -> c.index(alias).allowNoIndices(true).ignoreUnavailable(true)).count();
        } catch (Exception e) {
            return -1;
        }
    }

    Set<String> rules() {
        Set<String> r = new HashSet<>();
        alerts.forEach(a -> r.add(a.rule()));
        return r;
    }

    /** Eight clearly negative headlines about one ticker inside one window: the surge rule's case. */
    void plantNewsSurge(LocalRuntime local, Set<String> sent) throws Exception {
        String[] headlines = {
                "$VGLX shares plunge after fraud probe widens", "$VGLX crashes as CEO resigns amid accounting scandal",
                "$VGLX slumps on profit warning, cuts guidance", "$VGLX plunges after regulator halts trading",
                "$VGLX sinks as lawsuit losses mount", "$VGLX tumbles after massive recall and weak sales",
                "$VGLX downgraded to sell as losses widen", "$VGLX falls sharply after default warning"};
        StringBuilder body = new StringBuilder("[");
        Instant now = Instant.now();
        for (int i = 0; i < headlines.length; i++) {
            String id = "e2e-surge-" + i;
            sent.add(id);
            if (i > 0) body.append(',');
            body.append("{\"id\":\"").append(id).append("\",\"eventTime\":\"").append(now.plusSeconds(i))
                    .append("\",\"source\":\"e2e\",\"title\":\"").append(headlines[i]).append("\"}");
        }
        post(local, "/ingest/news", body.append(']').toString());
    }

    /** One account emptying itself in four transfers within minutes: what the velocity rule looks for. */
    void plantRiskyTransfers(LocalRuntime local, Set<String> sent) throws Exception {
        StringBuilder body = new StringBuilder("[");
        Instant now = Instant.now().minusSeconds(600);
        for (int i = 0; i < 4; i++) {
            String id = "e2e-velocity-" + i;
            sent.add(id);
            if (i > 0) body.append(',');
            body.append("{\"id\":\"").append(id).append("\",\"eventTime\":\"").append(now.plusSeconds(60L * i))
                    .append("\",\"source\":\"e2e\",\"accountId\":\"C-E2E-1\",\"counterpartyId\":\"C-MULE-")
                    .append(i).append("\",\"amount\":").append(250000 + i).append(",\"currency\":\"USD\",\"type\":\"TRANSFER\"")
                    // each transfer moves the whole balance out (a mule account passing money on): what the model flags
                    .append(",\"balanceBefore\":").append(250000 + i).append('}');
        }
        post(local, "/ingest/transactions", body.append(']').toString());
    }

    void post(LocalRuntime local, String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(local.http().baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(1000);
        }
    }
}
