package io.vigil.monitors;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.monitors.drift.DriftReport;
import io.vigil.monitors.fairness.FairnessReport;
import io.vigil.monitors.privacy.PublicSummaries;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.elasticsearch.ElasticsearchClients;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.ServiceContext;
import io.vigil.testkit.TestInfrastructure;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.DriftMetric;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.FairnessMetric;
import io.vigil.topics.events.PublicAggregate;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.indices.IndexFamily;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The monitors service on the real broker (embedded, or a container where Docker runs): a planted disparity and a
 * planted drift in scored transactions become metrics and alerts, a day of alerts becomes a noisy public summary;
 * the metrics index into Elasticsearch under the catalog's strict templates and aggregate the way the fairness
 * dashboard reads them.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MonitorsPipelineIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void disparityDriftAndPublicSummaryThroughTheBrokerIntoElasticsearch() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        String run = TestInfrastructure.uniqueId("mon");
        // recent enough for the topics' retention, old enough that every event (the latest is t0 + 1 d 16 h) lies in
        // the past whatever the time of day; whole hours so the windows are predictable
        Instant day0 = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS);
        Instant t0 = day0.plus(Duration.ofHours(10));
        Path data = Files.createTempDirectory("monitors-it");
        VigilConfig config = VigilConfig.load(null, Map.of(), Map.of(
                "data-dir", data.toString(),
                "monitors.application-id", run,
                "monitors.drift.min-events", "50",
                "monitors.privacy.datasets.alerts-per-rule-day.epsilon", "1.0"));
        ServiceContext ctx = new ServiceContext(config, infra.kafka(), data, new Health(), new SimpleMeterRegistry(), null);

        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(infra.kafka().producer(run + "-producer"),
                     new StringSerializer(), new ByteArraySerializer())) {
            MonitorsService service = new MonitorsService(ctx);
            service.start();
            // F flagged at 0.2, M at 0.05 (ratio 0.25); log_amount far beyond anything in the fraud model's reference
            Map<String, Double> odd = Map.of("log_amount", 25.0, "type_payment", 1.0);
            for (int i = 0; i < 100; i++) {
                String g = i < 40 ? "F" : "M";
                boolean fraud = g.equals("F") ? i < 8 : i < 43;
                send(p, Topics.TRANSACTIONS_SCORED, Events.txn(run + "-t" + i, t0.plusSeconds(20L * i), "PAYMENT",
                        Map.of("gender", g), odd, Events.score("transaction-fraud", "v2", fraud ? "fraud" : "legit", fraud ? 0.9 : 0.1)));
            }
            for (int i = 0; i < 30; i++) send(p, Topics.ALERTS, Events.alert(run + "-a" + i, t0.plusSeconds(60L * i), "high-risk"));
            // later events close the windows: the hour's (fairness, drift) and the day's (public summary)
            send(p, Topics.TRANSACTIONS_SCORED, Events.txn(run + "-late", t0.plus(Duration.ofMinutes(70)), "PAYMENT",
                    Map.of("gender", "M"), odd, Events.score("transaction-fraud", "v2", "legit", 0.1)));
            send(p, Topics.ALERTS, Events.alert(run + "-late", day0.plus(Duration.ofHours(26)), "high-risk"));
            p.flush();

            List<FairnessMetric> fairness = new ArrayList<>();
            List<DriftMetric> drift = new ArrayList<>();
            List<PublicAggregate> published = new ArrayList<>();
            List<Alert> alerts = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps(infra, run), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                c.subscribe(List.of(Topics.MONITORS_FAIRNESS.name(), Topics.MONITORS_DRIFT.name(), Topics.MONITORS_PUBLIC.name(),
                        Topics.ALERTS.name()));
                await().atMost(Duration.ofMinutes(3)).until(() -> {
                    for (var r : c.poll(Duration.ofMillis(500))) {
                        switch (r.topic()) {
                            case "monitors.fairness" -> fairness.add(Topics.MONITORS_FAIRNESS.jsonValueSerde().decode(r.value()));
                            case "monitors.drift" -> drift.add(Topics.MONITORS_DRIFT.jsonValueSerde().decode(r.value()));
                            case "monitors.public" -> published.add(Topics.MONITORS_PUBLIC.jsonValueSerde().decode(r.value()));
                            default -> {
                                Alert a = Topics.ALERTS.jsonValueSerde().decode(r.value());
                                if (!a.id().startsWith(run)) alerts.add(a);
                            }
                        }
                    }
                    return fairness.size() >= 2 && !drift.isEmpty() && !published.isEmpty() && alerts.size() >= 2;
                });
            }
            FairnessMetric f = fairness.stream().filter(m -> m.group().equals("F")).findFirst().orElseThrow();
            assertThat(f.alertRate()).isEqualTo(0.2);
            assertThat(f.parityRatio()).isCloseTo(0.25, within(1e-9));
            assertThat(f.breaches()).contains(FairnessReport.DEMOGRAPHIC_PARITY);
            assertThat(drift).filteredOn(DriftMetric::breached).extracting(DriftMetric::feature).contains("log_amount");
            assertThat(alerts).extracting(Alert::rule).contains(FairnessReport.RULE, DriftReport.RULE);
            assertThat(published).filteredOn(a -> a.cell().equals("high-risk")).singleElement().satisfies(a -> {
                assertThat(a.dataset()).isEqualTo(PublicSummaries.ALERTS_PER_RULE);
                assertThat(a.value()).isBetween(10.0, 50.0); // 30 plus noise of scale 1
                assertThat(a.budgetSpent()).isEqualTo(1.0);
            });
            assertThat(ctx.health().check().state()).isEqualTo(Health.State.UP);

            // the budget is durable: a new instance with no local state (a moved pod) restores what was spent
            service.close();
            deleteTree(data.resolve("state").resolve("monitors"));
            MonitorsService moved = new MonitorsService(ctx);
            moved.start();
            Instant day1 = day0.plus(Duration.ofDays(1));
            for (int i = 0; i < 20; i++) send(p, Topics.ALERTS, Events.alert(run + "-b" + i, day1.plus(Duration.ofHours(3)).plusSeconds(i), "high-risk"));
            send(p, Topics.ALERTS, Events.alert(run + "-late2", day1.plus(Duration.ofHours(26)), "high-risk"));
            p.flush();
            List<PublicAggregate> second = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps(infra, run + "-2"), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                c.subscribe(List.of(Topics.MONITORS_PUBLIC.name()));
                await().atMost(Duration.ofMinutes(3)).until(() -> {
                    for (var r : c.poll(Duration.ofMillis(500))) {
                        PublicAggregate a = Topics.MONITORS_PUBLIC.jsonValueSerde().decode(r.value());
                        if (a.windowStart().equals(day1) && a.dataset().equals(PublicSummaries.ALERTS_PER_RULE)) second.add(a);
                    }
                    return !second.isEmpty();
                });
            }
            assertThat(second).allSatisfy(a -> assertThat(a.budgetSpent()).as("spent before the move + this release").isEqualTo(2.0));
            moved.close();

            // the documents fit the strict index templates and aggregate per group as the dashboard does
            try (Rest5Client rest = ElasticsearchClients.lowLevelClient(infra.elasticsearchSettings())) {
                index(rest, Topics.MONITORS_FAIRNESS, fairness);
                index(rest, Topics.MONITORS_DRIFT, drift);
                index(rest, Topics.MONITORS_PUBLIC, published);
                ObjectNode body = JSON.createObjectNode().put("size", 0);
                body.putObject("query").putObject("term").put("windowStart", f.windowStart().toString());
                ObjectNode groups = body.putObject("aggs").putObject("g");
                groups.putObject("terms").put("field", "group");
                groups.putObject("aggs").putObject("ratio").putObject("min").put("field", "parityRatio");
                JsonNode res = search(rest, "vigil-fairness", body);
                Map<String, Double> ratio = new HashMap<>();
                res.at("/aggregations/g/buckets").forEach(b -> ratio.put(b.path("key").asText(), b.at("/ratio/value").asDouble()));
                assertThat(ratio.get("F")).isCloseTo(0.25, within(1e-9));
                assertThat(ratio).containsEntry("M", 1.0);
                ObjectNode q = JSON.createObjectNode();
                q.putObject("query").putObject("term").put("breached", true);
                assertThat(search(rest, "vigil-drift", q).at("/hits/total/value").asLong()).isPositive();
                assertThat(search(rest, "vigil-public", JSON.createObjectNode()).at("/hits/total/value").asLong()).isPositive();
            }
        }
    }

    /** One key per topic: one partition, so the late event that closes the windows is read after the others. */
    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    private static <V extends Event> void send(KafkaProducer<String, byte[]> p, Topic<String, V> t, V e) {
        p.send(new ProducerRecord<>(t.name(), "it-key", t.jsonValueSerde().encode(e)));
    }

    private static Map<String, Object> consumerProps(TestInfrastructure infra, String run) {
        Map<String, Object> c = new HashMap<>(infra.kafka().consumer(run + "-reader", run + "-reader"));
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return c;
    }

    /** As the indexer writes them: the event JSON plus @timestamp, into the family's daily index, _id = event id. */
    private static <V extends Event> void index(Rest5Client rest, Topic<String, V> topic, List<V> events) throws Exception {
        IndexFamily family = IndexCatalog.standard().familyForTopic(topic.name()).orElseThrow();
        StringBuilder bulk = new StringBuilder();
        for (V e : events) {
            ObjectNode doc = (ObjectNode) JSON.readTree(topic.jsonValueSerde().encode(e));
            doc.put("@timestamp", e.eventTime().toString()).put("indexedAt", Instant.now().toString());
            ObjectNode action = JSON.createObjectNode();
            action.putObject("index").put("_index", family.dailyIndex(e.eventTime())).put("_id", e.id());
            bulk.append(action).append('\n').append(doc).append('\n');
        }
        Request r = new Request("POST", "/_bulk?refresh=true");
        r.setJsonEntity(bulk.toString());
        JsonNode res = JSON.readTree(EntityUtils.toString(rest.performRequest(r).getEntity(), StandardCharsets.UTF_8));
        assertThat(res.path("errors").asBoolean()).as(topic.name() + " bulk: " + res).isFalse();
    }

    private static JsonNode search(Rest5Client rest, String alias, ObjectNode body) throws Exception {
        Request r = new Request("POST", "/" + alias + "/_search");
        r.setJsonEntity(body.toString());
        Response response = rest.performRequest(r);
        return JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
    }
}
