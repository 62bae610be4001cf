package io.vigil.indexer.dashboards;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.indexer.IndexerService;
import io.vigil.indexer.IndexerSettings;
import io.vigil.indexer.bench.SampleEvents;
import io.vigil.platform.elasticsearch.ElasticsearchClients;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.ServiceContext;
import io.vigil.testkit.TestInfrastructure;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.indices.IndexCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replays a slice of realistic events of every indexed type through Kafka and the indexer, then runs, against the
 * real Elasticsearch node, the aggregation each Lens layer of dashboards/vigil.ndjson asks for ({@link LensQuery}),
 * restricted to this slice: every one must return buckets (and metric values).
 */
class DashboardAggregationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyVisualisationsAggregationReturnsBucketsOnAReplayedSlice() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        String prefix = TestInfrastructure.uniqueId("dash") + "-";
        SampleEvents ev = new SampleEvents(11, Instant.now().minus(Duration.ofHours(6)), prefix);
        Map<Topic<String, ?>, Integer> expected = new HashMap<>();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(infra.kafka().producer("dash-it"), new StringSerializer(),
                new ByteArraySerializer())) {
            produce(p, Topics.NEWS_SCORED, 300, ev::news, expected);
            produce(p, Topics.TRANSACTIONS_SCORED, 300, ev::transaction, expected);
            produce(p, Topics.NOTES_SCORED, 150, ev::note, expected);
            produce(p, Topics.ALERTS, 60, ev::alert, expected);
            produce(p, Topics.REVIEW_ITEMS, 60, ev::review, expected);
            produce(p, Topics.FEEDBACK_CORRECTIONS, 60, ev::correction, expected);
            produce(p, Topics.MODELS_RELEASES, 6, ev::release, expected);
            produce(p, Topics.AUDIT, 30, ev::audit, expected);
            produce(p, Topics.INGEST_DLQ, 30, ev::deadLetter, expected);
            produce(p, Topics.MONITORS_FAIRNESS, 40, ev::fairness, expected);
            produce(p, Topics.MONITORS_DRIFT, 40, ev::drift, expected);
            produce(p, Topics.MONITORS_PUBLIC, 20, ev::publicAggregate, expected);
            p.flush();
        }
        IndexerSettings settings = new IndexerSettings(TestInfrastructure.uniqueId("dash-indexer"), List.of(), 1000, 5L << 20,
                200, 2, 20_000, 50, 2_000, 100, 300, false, 24);
        ServiceContext ctx = new ServiceContext(infra.config(), infra.kafka(), Files.createTempDirectory("dash-it"), new Health(),
                new SimpleMeterRegistry(), null);
        try (IndexerService indexer = new IndexerService(ctx, infra.elasticsearchSettings(), settings, IndexCatalog.standard(), Clock.systemUTC());
             Rest5Client rest = ElasticsearchClients.lowLevelClient(infra.elasticsearchSettings())) {
            indexer.start();
            for (var e : expected.entrySet()) {
                String alias = IndexCatalog.standard().familyForTopic(e.getKey().name()).orElseThrow().alias();
                await().atMost(Duration.ofSeconds(90)).until(() -> count(rest, alias, prefix) >= e.getValue());
            }

            Map<String, JsonNode> byId = new HashMap<>();
            List<JsonNode> lenses = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(VigilDashboards.repoFile())) {
                JsonNode o = JSON.readTree(line);
                byId.put(o.path("type").asText() + "/" + o.path("id").asText(), o);
                if (o.path("type").asText().equals("lens")) lenses.add(o);
            }
            int layers = 0;
            for (JsonNode lens : lenses) {
                for (LensQuery.LayerQuery layer : LensQuery.of(lens, byId)) {
                    ObjectNode body = layer.searchBody(prefixFilter(prefix));
                    JsonNode response = search(rest, layer.alias(), body);
                    String what = layer.lensId() + " on " + layer.alias() + ": " + body;
                    assertThat(response.path("hits").path("total").path("value").asLong()).as(what).isPositive();
                    assertNonEmpty(response.path("aggregations"), layer, 0, what);
                    layers++;
                }
            }
            assertThat(layers).isGreaterThanOrEqualTo(lenses.size());
        }
    }

    /** Walks down the first bucket of each nesting level and checks the leaves carry metric values. */
    private static void assertNonEmpty(JsonNode aggs, LensQuery.LayerQuery layer, int level, String what) {
        List<LensQuery.Column> buckets = layer.buckets();
        if (level < buckets.size()) {
            JsonNode list = aggs.path(buckets.get(level).id()).path("buckets");
            assertThat(list.isArray() && !list.isEmpty()).as("buckets of " + buckets.get(level).id() + " in " + what).isTrue();
            assertNonEmpty(list.get(0), layer, level + 1, what);
            return;
        }
        if (buckets.size() > 0) assertThat(aggs.path("doc_count").asLong()).as(what).isPositive();
        for (LensQuery.Column m : layer.metrics()) {
            if (m.operation().equals("count")) continue;
            JsonNode v = aggs.path(m.id());
            JsonNode value = v.has("values") ? v.path("values").elements().next() : v.path("value");
            assertThat(value.isNumber()).as("metric " + m.id() + " in " + what + " -> " + v).isTrue();
        }
    }

    private static ObjectNode prefixFilter(String prefix) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.putObject("prefix").put("id", prefix);
        return f;
    }

    private static long count(Rest5Client rest, String alias, String prefix) throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("size", 0).put("track_total_hits", true).set("query", prefixFilter(prefix));
        rest.performRequest(new Request("POST", "/" + alias + "-*/_refresh"));
        return search(rest, alias, body).path("hits").path("total").path("value").asLong();
    }

    private static JsonNode search(Rest5Client rest, String alias, ObjectNode body) throws Exception {
        Request r = new Request("POST", "/" + alias + "/_search?ignore_unavailable=true&allow_no_indices=true");
        r.setJsonEntity(body.toString());
        Response response = rest.performRequest(r);
        return JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
    }

    private static <V> void produce(KafkaProducer<String, byte[]> p, Topic<String, V> topic, int n, IntFunction<V> make,
                                    Map<Topic<String, ?>, Integer> expected) {
        for (int i = 0; i < n; i++) {
            V e = make.apply(i);
            p.send(new ProducerRecord<>(topic.name(), ((io.vigil.topics.events.Event) e).id(), topic.jsonValueSerde().encode(e)));
        }
        expected.put(topic, n);
    }
}
