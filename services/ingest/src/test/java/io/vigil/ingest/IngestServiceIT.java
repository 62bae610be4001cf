package io.vigil.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.platform.config.KafkaSettings;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.health.Health;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.kafka.EmbeddedKafka;
import io.vigil.platform.kafka.KafkaClients;
import io.vigil.platform.kafka.TopicBootstrap;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.TopicCatalog;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.DeidentifiedNote;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.CleanNewsArticle;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ingest service against a real (embedded) broker: every domain end to end, and the no-raw-PHI proof. */
class IngestServiceIT {

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static IngestService service;
    static HttpApi http;
    static final HttpClient client = HttpClient.newHttpClient();
    static final StringWriter logs = new StringWriter();
    // planted PHI: unique strings that must never leave notes.raw
    static final String NAME = "Quintessa Marbleworth" ;
    static final String MRN = "MRN" + (10_000_000 + Math.abs(UUID.randomUUID().hashCode() % 80_000_000));
    static final String PHONE = "617-555-" + (1000 + (int) (Math.random() * 8999));
    static final String EMAIL = "qmarble" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";

    @BeforeAll
    static void start() throws Exception {
        captureLogs();
        kafka = EmbeddedKafka.builder(dir.resolve("kafka")).build().start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicBootstrap(admin).apply(TopicCatalog.standard().all());
        }
        VigilConfig config = VigilConfig.load(null, Map.of(), Map.of(
                "kafka.bootstrap-servers", kafka.bootstrapServers(),
                "ingest.pseudonym-key", "integration-test-key-0123456789abcdefghij",
                "ingest.notes-drop.folder", dir.resolve("drop").toString(),
                "ingest.notes-drop.poll-seconds", "1"));
        http = new HttpApi("127.0.0.1", 0).start();
        ServiceContext ctx = new ServiceContext(config, new KafkaClients(config.bind("kafka", KafkaSettings.class)), dir.resolve("data"),
                new Health(), new SimpleMeterRegistry(), http);
        service = new IngestService(ctx);
        service.start();
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
        if (http != null) http.close();
        if (kafka != null) kafka.stop();
    }

    static void captureLogs() {
        LoggerContext lc = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = lc.getConfiguration();
        WriterAppender a = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%c %m %ex%n").build(), null, logs, "capture", false, true);
        a.start();
        cfg.addAppender(a);
        for (LoggerConfig lcfg : cfg.getLoggers().values()) lcfg.addAppender(a, Level.ALL, null);
        cfg.getRootLogger().addAppender(a, Level.ALL, null);
        lc.updateLoggers();
    }

    static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"); // aborted writes count as leaks too
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 15_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** An account id whose records land on another partition of transactions.raw than {@code account}'s. */
    static String otherPartitionAccount(String account) {
        int partitions = Topics.TRANSACTIONS_RAW.spec().partitions();
        int p0 = partition(account, partitions);
        for (int i = 2; ; i++) {
            if (partition("acc-" + i, partitions) != p0) return "acc-" + i;
        }
    }

    private static int partition(String key, int partitions) {
        // the default partitioner's choice for a keyed record
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    static <V> List<V> values(io.vigil.topics.Topic<String, V> topic) {
        return readAll(topic.name()).stream().filter(r -> r.value() != null).map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value())).toList();
    }

    @Test
    void allDomainsEndToEndAndNoRawPhiAnywhereButNotesRaw() throws Exception {
        // news: one JSON article, re-posted (deduped), plus a bad request that names the field
        String article = "{\"title\":\"$NVDA - Nvidia jumps on data center demand\",\"url\":\"https://news.example/nv\"}";
        HttpResponse<String> r1 = post("/ingest/news", "application/json", article);
        assertThat(r1.statusCode()).isEqualTo(202);
        assertThat(post("/ingest/news", "application/json", article).statusCode()).isEqualTo(202);
        HttpResponse<String> bad = post("/ingest/news", "application/json", "[{\"body\":\"x\"}]");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("$[0].title");

        // transactions: two for one account -> the second sees the first in its windows
        String txns = "[{\"id\":\"it-t1\",\"accountId\":\"acc-1\",\"counterpartyId\":\"m-1\",\"amount\":40.5,\"currency\":\"USD\",\"type\":\"PAYMENT\",\"eventTime\":\"2026-01-01T10:00:00Z\"},"
                + "{\"id\":\"it-t2\",\"accountId\":\"acc-1\",\"counterpartyId\":\"m-2\",\"amount\":400,\"currency\":\"USD\",\"type\":\"TRANSFER\",\"eventTime\":\"2026-01-01T10:10:00Z\"}]";
        assertThat(post("/ingest/transactions", "application/json", txns).statusCode()).isEqualTo(202);

        // notes with planted PHI: JSON, text/plain, FHIR; raw bytes straight onto notes.raw (malformed and schema-invalid)
        String text = "Seen by Dr. " + NAME + " today. Patient " + MRN + ", call " + PHONE + " or " + EMAIL + ". Chest pain resolved.";
        assertThat(post("/ingest/notes", "application/json", "{\"patientId\":\"" + MRN + "\",\"text\":\"" + text + "\",\"patientAge\":71}").statusCode()).isEqualTo(202);
        assertThat(post("/ingest/notes?patientId=" + MRN + "&patientSex=male", "text/plain", text + " Follow-up in clinic.").statusCode()).isEqualTo(202);
        String fhir = "{\"resourceType\":\"DocumentReference\",\"id\":\"it-doc\",\"status\":\"current\",\"subject\":{\"reference\":\"Patient/" + MRN
                + "\"},\"content\":[{\"attachment\":{\"contentType\":\"text/plain\",\"data\":\"" + Base64.getEncoder().encodeToString((text + " FHIR.").getBytes(StandardCharsets.UTF_8)) + "\"}}]}";
        assertThat(post("/ingest/notes", "application/fhir+json", fhir).statusCode()).isEqualTo(202);
        // malformed FHIR is refused naming the element (400 here; the drop folder's failed/ below), never half-ingested
        HttpResponse<String> badFhir = post("/ingest/notes", "application/fhir+json", fhir.replace("\"data\":\"", "\"data\":\"@@"));
        assertThat(badFhir.statusCode()).isEqualTo(400);
        assertThat(badFhir.body()).contains("DocumentReference.content[0].attachment.data is not valid base64");
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.NOTES_RAW.name(), "x", ("{\"id\":\"it-bad\",\"patientId\":\"" + MRN + "\",\"text\":\"" + NAME).getBytes(StandardCharsets.UTF_8))).get();
            p.send(new ProducerRecord<>(Topics.NOTES_RAW.name(), "y", ("{\"id\":\"it-bad2\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"source\":\"x\",\"version\":1,\"patientId\":\"" + MRN
                    + "\",\"text\":\"" + text + "\",\"patientAge\":\"" + NAME + "\"}").getBytes(StandardCharsets.UTF_8))).get();
        }
        // the drop folder: one good file, one broken
        Files.writeString(dir.resolve("drop").resolve("a.json"), "{\"patientId\":\"" + MRN + "\",\"text\":\"" + text + " Dropped.\"}");
        Files.writeString(dir.resolve("drop").resolve("b.json"), "{\"patientId\":\"" + MRN + "\"}");
        Files.writeString(dir.resolve("drop").resolve("c.json"), fhir.replace("DocumentReference", "Observation"));

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(values(Topics.NEWS_CLEAN)).hasSize(1);
            assertThat(values(Topics.TRANSACTIONS_ENRICHED)).hasSize(2);
            assertThat(values(Topics.NOTES_DEID)).hasSize(4);
            assertThat(values(Topics.INGEST_DLQ)).hasSize(2);
        });
        assertThat(Files.exists(dir.resolve("drop/done/a.json"))).isTrue();
        assertThat(Files.readString(dir.resolve("drop/failed/b.json.error.txt"))).contains("$.text is required");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dir.resolve("drop/failed/c.json.error.txt")).exists());
        assertThat(Files.readString(dir.resolve("drop/failed/c.json.error.txt"))).contains("$.resourceType must be DocumentReference or Bundle");

        // same amount as it-t2, another account on ANOTHER partition of transactions.raw, 10 min later (event time):
        // the amount store sees it through the repartition by amount (a per-partition store would count 0)
        String other = otherPartitionAccount("acc-1");
        String later = "{\"id\":\"it-t3\",\"accountId\":\"" + other + "\",\"counterpartyId\":\"m-3\",\"amount\":400.00,\"currency\":\"USD\",\"type\":\"CASH_OUT\",\"eventTime\":\"2026-01-01T10:20:00Z\"}";
        assertThat(post("/ingest/transactions", "application/json", later).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(values(Topics.TRANSACTIONS_ENRICHED)).extracting(EnrichedTransaction::id).contains("it-t3"));
        EnrichedTransaction third = values(Topics.TRANSACTIONS_ENRICHED).stream().filter(e -> e.id().equals("it-t3")).findFirst().orElseThrow();
        assertThat(third.features()).containsEntry("same_amount_count_1h", 1.0).containsEntry("has_history", 0.0);

        CleanNewsArticle news = values(Topics.NEWS_CLEAN).getFirst();
        assertThat(news.entityKey()).isEqualTo("NVDA");
        EnrichedTransaction second = values(Topics.TRANSACTIONS_ENRICHED).stream().filter(e -> e.id().equals("it-t2")).findFirst().orElseThrow();
        assertThat(second.features()).containsEntry("txn_count_1h", 1.0).containsEntry("new_counterparty", 1.0);
        List<DeidentifiedNote> notes = values(Topics.NOTES_DEID);
        assertThat(notes).allSatisfy(n -> assertThat(n.text()).contains("Chest pain resolved"));
        assertThat(values(Topics.INGEST_DLQ)).allSatisfy(d -> assertThat(d.originalBase64()).isNull());
        assertThat(service.metrics().count("vigil.ingest.dedupe.hits", "domain", "news")).isEqualTo(1);

        // the proof: every record of every topic on the broker (catalog + changelogs + anything else), keys and values
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names().get();
        }
        assertThat(topics).anyMatch(t -> t.contains("ingest-notes") && t.endsWith("changelog"));
        int scanned = 0;
        for (String topic : topics) {
            if (topic.equals(Topics.NOTES_RAW.name())) continue;
            for (ConsumerRecord<byte[], byte[]> r : readAll(topic)) {
                scanned++;
                String k = r.key() == null ? "" : new String(r.key(), StandardCharsets.ISO_8859_1);
                String v = r.value() == null ? "" : new String(r.value(), StandardCharsets.ISO_8859_1);
                for (String phi : List.of(NAME, "Marbleworth", MRN, PHONE, EMAIL)) {
                    assertThat(k + v).as("PHI '%s' in %s", phi, topic).doesNotContain(phi);
                }
            }
        }
        assertThat(scanned).isGreaterThan(10);
        // notes.raw does hold them (the scan would have seen a leak)
        assertThat(readAll(Topics.NOTES_RAW.name()).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))).anyMatch(s -> s.contains(NAME));
        String captured = logs.toString();
        assertThat(captured).isNotEmpty();
        for (String phi : List.of("Marbleworth", MRN, PHONE, EMAIL)) assertThat(captured).as("PHI in logs").doesNotContain(phi);
    }
}
