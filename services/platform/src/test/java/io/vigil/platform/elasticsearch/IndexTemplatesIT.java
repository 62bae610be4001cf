package io.vigil.platform.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.platform.elasticsearch.IndexBootstrap.Kind;
import io.vigil.platform.elasticsearch.IndexBootstrap.Outcome;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.indices.IndexFamily;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog's templates applied to a real node: bootstrap idempotence, mappings of new daily indices, strictness. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IndexTemplatesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndexCatalog CATALOG = IndexCatalog.standard();

    @TempDir
    static Path dataDir;

    static EmbeddedElasticsearch es;
    static ElasticsearchClient client;
    static Rest5Client rest;
    static IndexBootstrap.Report firstRun;

    @BeforeAll
    static void start() throws Exception {
        es = EmbeddedElasticsearch.builder(dataDir).build().start();
        ElasticsearchSettings settings = ElasticsearchSettings.local(es.httpUrl());
        client = ElasticsearchClients.create(settings);
        rest = ElasticsearchClients.lowLevelClient(settings);
        firstRun = IndexBootstrap.builder(client).build().apply();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rest != null) rest.close();
        if (client != null) client.close();
        if (es != null) es.close();
    }

    @Test
    @Order(1)
    void firstRunCreatesEverythingAndSecondRunChangesNothing() throws Exception {
        assertThat(firstRun.ilmAvailable()).as("the embedded node has no ILM").isFalse();
        assertThat(firstRun.replicas()).as("single node: no replicas").isZero();
        assertThat(firstRun.with(Outcome.CREATED)).hasSize(1 + CATALOG.families().size());
        assertThat(firstRun.outcomeOf(Kind.COMPONENT_TEMPLATE, "vigil-envelope")).isEqualTo(Outcome.CREATED);

        IndexBootstrap.Report second = IndexBootstrap.builder(client).build().apply();
        assertThat(second.unchanged()).as(second.toString()).isTrue();
        assertThat(second.with(Outcome.UNCHANGED)).hasSize(1 + CATALOG.families().size());
        assertThat(second.toString()).contains((1 + CATALOG.families().size()) + " unchanged");
    }

    @Test
    @Order(2)
    void aChangedSettingIsDetectedAndApplied() throws Exception {
        IndexBootstrap.Report one = IndexBootstrap.builder(client).replicas(1).build().apply();
        assertThat(one.outcomeOf(Kind.COMPONENT_TEMPLATE, "vigil-envelope")).isEqualTo(Outcome.UPDATED);
        assertThat(one.with(Outcome.UPDATED)).hasSize(1);
        JsonNode stored = raw("GET", "/_component_template/vigil-envelope");
        assertThat(stored.at("/component_templates/0/component_template/template/settings/index/number_of_replicas").asText())
                .isEqualTo("1");

        IndexBootstrap.Report back = IndexBootstrap.builder(client).build().apply();
        assertThat(back.outcomeOf(Kind.COMPONENT_TEMPLATE, "vigil-envelope")).isEqualTo(Outcome.UPDATED);
        assertThat(IndexBootstrap.builder(client).build().apply().unchanged()).isTrue();
    }

    @Test
    @Order(3)
    void everyFamilysNewDailyIndexIsMappedExactlyAsDeclaredAndJoinsItsAlias() throws Exception {
        JsonNode envelope = JSON.readTree(CATALOG.componentTemplates().get(0).json()).at("/template/mappings/properties");
        for (IndexFamily family : CATALOG.families()) {
            ObjectNode doc = sample(family.name());
            Instant eventTime = Instant.parse(doc.get("eventTime").asText());
            String index = family.dailyIndex(eventTime);
            client.index(i -> i.index(index).id(doc.get("id").asText()).document(doc).refresh(Refresh.True));

            JsonNode mapping = raw("GET", "/" + index + "/_mapping").at("/" + index.replace("/", "~1") + "/mappings");
            assertThat(mapping.path("dynamic").asText()).as(index).isEqualTo("strict");
            JsonNode declared = JSON.readTree(family.templateJson()).at("/template/mappings/properties");
            Map<String, String> want = new LinkedHashMap<>();
            types("", envelope, want);
            types("", declared, want);
            Map<String, String> got = new LinkedHashMap<>();
            types("", mapping.get("properties"), got);
            // Declared fields exactly as declared; the only extra fields are the typed leaves of free-form maps.
            assertThat(got).as(index).containsAllEntriesOf(want);
            got.keySet().removeAll(want.keySet());
            assertThat(got).as("dynamically added fields of " + index).allSatisfy((path, type) ->
                    assertThat(type).isIn("float", "double", "keyword", "integer"));

            JsonNode aliases = raw("GET", "/_alias/" + family.alias());
            assertThat(aliases.has(index)).as("%s resolves %s", family.alias(), index).isTrue();
            long hits = client.count(c -> c.index(family.alias())).count();
            assertThat(hits).as(family.alias()).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void freeFormMapsGetTypedLeaves() throws Exception {
        String index = CATALOG.family("vigil-transactions").dailyIndex(Instant.now());
        JsonNode props = raw("GET", "/" + index + "/_mapping").at("/" + index + "/mappings/properties");
        assertThat(props.at("/score/properties/probabilities/properties/fraud/type").asText()).isEqualTo("float");
        assertThat(props.at("/transaction/properties/features/properties/amountZ/type").asText()).isEqualTo("double");
        assertThat(props.at("/transaction/properties/transaction/properties/groups/properties/gender/type").asText())
                .isEqualTo("keyword");
        assertThat(props.at("/score/properties/explanation/type").asText()).isEqualTo("nested");
    }

    @Test
    @Order(5)
    void aDocumentViolatingTheStrictMappingIsRejectedWithAMappingError() throws Exception {
        IndexFamily alerts = CATALOG.family("vigil-alerts");
        ObjectNode unknownField = sample("vigil-alerts").put("id", "alert-bad-1").put("unexpected", "x");
        String index = alerts.dailyIndex(Instant.parse(unknownField.get("eventTime").asText()));

        assertThatThrownBy(() -> client.index(i -> i.index(index).id("alert-bad-1").document(unknownField)))
                .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(MappingErrors.isMappingError(e.error())).as(e.getMessage()).isTrue();
                    assertThat(e.getMessage()).contains("unexpected");
                });

        // The indexer uses bulk: the same rejection arrives as an item error, and a type error too.
        ObjectNode wrongType = sample("vigil-alerts").put("id", "alert-bad-2").put("count", "many");
        BulkResponse bulk = client.bulk(b -> b
                .operations(o -> o.index(x -> x.index(index).id("alert-bad-1").document(unknownField)))
                .operations(o -> o.index(x -> x.index(index).id("alert-bad-2").document(wrongType)))
                .operations(o -> o.index(x -> x.index(index).id("alert-ok").document(sample("vigil-alerts").put("id", "alert-ok")))));
        assertThat(bulk.errors()).isTrue();
        assertThat(bulk.items()).extracting(BulkResponseItem::status).containsExactly(400, 400, 201);
        assertThat(bulk.items().subList(0, 2)).allSatisfy(item ->
                assertThat(MappingErrors.isMappingError(item.error())).as(item.error().toString()).isTrue());
        assertThat(MappingErrors.isMappingError(null)).isFalse();
    }

    @Test
    @Order(6)
    void deadLettersKeepNoOriginalBytes() throws Exception {
        IndexFamily dlq = CATALOG.family("vigil-deadletters");
        ObjectNode doc = sample("vigil-deadletters").put("id", "dlq-secret");
        String index = dlq.dailyIndex(Instant.parse(doc.get("eventTime").asText()));
        client.index(i -> i.index(index).id("dlq-secret").document(doc).refresh(Refresh.True));

        GetResponse<ObjectNode> got = client.get(g -> g.index(index).id("dlq-secret"), ObjectNode.class);
        assertThat(got.found()).isTrue();
        assertThat(got.source().has("originalBase64")).as("not in _source").isFalse();
        assertThat(got.source().get("originalSha256").asText()).isEqualTo(doc.get("originalSha256").asText());
        long matches = client.count(c -> c.index(dlq.alias())
                .query(q -> q.queryString(s -> s.query("c2VjcmV0LXBheWxvYWQ=")))).count();
        assertThat(matches).as("not searchable").isZero();
    }

    // ---------------------------------------------------------------------------------------------

    private static JsonNode raw(String method, String path) throws Exception {
        var response = rest.performRequest(new Request(method, path));
        return JSON.readTree(EntityUtils.toString(response.getEntity()));
    }

    /** Flattens a mapping's properties to path -> type ({@code object} where no type is given). */
    private static void types(String prefix, JsonNode properties, Map<String, String> out) {
        if (properties == null) return;
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            String path = prefix + e.getKey();
            JsonNode field = e.getValue();
            out.put(path, field.path("type").asText("object"));
            types(path + ".", field.get("properties"), out);
            JsonNode fields = field.get("fields");
            if (fields != null) {
                fields.properties().forEach(sub -> out.put(path + "." + sub.getKey(), sub.getValue().path("type").asText()));
            }
        }
    }

    /** One event of each family, shaped as topics/README.md describes it. */
    static ObjectNode sample(String family) {
        String now = Instant.now().toString(); // with sub-second digits, as Jackson writes an Instant
        String env = "\"eventTime\":\"" + now + "\",\"source\":\"test\",\"version\":1";
        String score = """
                "score":{"label":"%s","probabilities":{"%s":0.91,"other":0.09},"score":0.91,"model":"m","modelVersion":"m-1",
                  "explanation":[{"feature":"word","weight":0.4,"start":0,"end":4},{"feature":"amountZ","weight":0.2}],
                  "latencyMs":3.5,"scoredAt":"%s","mode":"model"}""";
        String json = switch (family) {
            case "vigil-news" -> """
                    {"id":"news-1",%s,"@timestamp":"%s","indexedAt":"%s",
                     "article":{"id":"news-1",%s,"title":"Acme beats estimates","body":"Shares rose.","url":"https://x.test/a",
                       "language":"en","tickers":["ACME"],"entities":["Acme"],"entityKey":"ACME"},
                     %s}""".formatted(env, now, now, env, score.formatted("positive", "positive", now));
            case "vigil-transactions" -> """
                    {"id":"txn-1",%s,
                     "transaction":{"id":"txn-1",%s,
                       "transaction":{"id":"txn-1",%s,"accountId":"a1","counterpartyId":"m1","amount":12.5,"currency":"EUR",
                         "type":"CARD","category":"grocery_pos","groups":{"gender":"F","ageBand":"30-39"},
                         "latitude":48.1,"longitude":11.5,"fraudLabel":false,"balanceBefore":980.0},
                       "features":{"amountZ":1.25,"txnCount1h":3},"featureSet":"txn-features-v1"},
                     %s}""".formatted(env, env, env, score.formatted("fraud", "fraud", now));
            case "vigil-notes" -> """
                    {"id":"note-1",%s,
                     "note":{"id":"note-1",%s,"patientPseudonym":"p-abc","text":"[NAME] reports chest pain since [DATE].",
                       "specialty":"cardiology","noteType":"progress","groups":{"ageBand":"60-69","sex":"female"},
                       "redactions":{"NAME":1,"DATE":1},"deidVersion":"deid-1"},
                     %s}""".formatted(env, env, score.formatted("high", "high", now));
            case "vigil-alerts" -> """
                    {"id":"alert-1",%s,"rule":"fraud-velocity","domain":"transactions","key":"a1","severity":"critical",
                     "status":"new","title":"Velocity","description":"5 risky in 10 min","windowStart":"%s","windowEnd":"%s",
                     "count":5,"value":0.93,"threshold":0.9,"eventIds":["txn-1","txn-2"],"modelVersion":"m-1"}"""
                    .formatted(env, now, now);
            case "vigil-reviews" -> """
                    {"id":"rev-1",%s,"domain":"news","eventId":"news-1","reason":"low_confidence","priority":0.7,"model":"m",
                     "modelVersion":"m-1","label":"neutral","score":0.51,"probabilities":{"neutral":0.51,"positive":0.49},
                     "explanation":[{"feature":"beats","weight":0.3,"start":5,"end":10}],"text":"Acme beats estimates",
                     "features":{"amountZ":0.3}}""".formatted(env);
            case "vigil-corrections" -> """
                    {"id":"cor-1",%s,"domain":"news","eventId":"news-1","model":"m","modelVersion":"m-1",
                     "originalLabel":"neutral","correctedLabel":"positive","analyst":"ana","comment":"clearly positive",
                     "reviewItemId":"rev-1","groups":{"state":"CA"}}""".formatted(env);
            case "vigil-models" -> """
                    {"id":"rel-1",%s,"model":"m","modelVersion":"m-2","parentVersion":"m-1","action":"promote",
                     "location":"/data/models/m/m-2","metrics":{"accuracy":0.93,"f1":0.9},"reason":"gate passed","actor":"ops"}"""
                    .formatted(env);
            case "vigil-audit" -> """
                    {"id":"aud-1",%s,"actor":"ana","role":"analyst","action":"correct","target":"news-1","modelVersion":"m-1",
                     "outcome":"ok","details":{"from":"neutral","to":"positive","any.dotted.key":"v"}}""".formatted(env);
            case "vigil-deadletters" -> """
                    {"id":"dlq-1",%s,"sourceTopic":"ingest.dlq","sourcePartition":0,"sourceOffset":42,
                     "reason":"$.title: must not be blank","errorType":"EventValidationException",
                     "originalBase64":"c2VjcmV0LXBheWxvYWQ=","originalSha256":"ab12","protection":"none"}""".formatted(env);
            case "vigil-fairness" -> """
                    {"id":"fair-1",%s,"domain":"transactions","model":"transaction-fraud","attribute":"gender","group":"F",
                     "windowStart":"%s","windowEnd":"%s","events":100,"flagged":10,"alertRate":0.1,"meanScore":0.2,
                     "labelled":4,"falsePositives":1,"falseNegatives":0,"labelledNegatives":3,"labelledPositives":1,
                     "referenceGroup":"M","parityDifference":0.02,"parityRatio":0.8,"fourFifths":true,"breaches":["demographic-parity"]}"""
                    .formatted(env, now, now);
            case "vigil-drift" -> """
                    {"id":"drift-1",%s,"domain":"news","model":"news-sentiment","modelVersion":"v1","feature":"text_length",
                     "kind":"numeric","windowStart":"%s","windowEnd":"%s","count":300,"psi":0.04,"psiBound":0.25,
                     "breached":false,"expected":[0.5,0.5],"actual":[0.45,0.55]}""".formatted(env, now, now);
            case "vigil-public" -> """
                    {"id":"pub-1",%s,"dataset":"urgent-notes-per-specialty-day","cell":"Cardiology","windowStart":"%s",
                     "windowEnd":"%s","statistic":"count","value":7,"mechanism":"discrete-laplace","epsilon":0.5,
                     "sensitivity":1,"noiseScale":2,"budgetSpent":1.5,"budgetTotal":10}""".formatted(env, now, now);
            default -> throw new IllegalArgumentException("no sample for " + family);
        };
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
