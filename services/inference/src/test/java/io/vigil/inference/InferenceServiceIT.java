package io.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.models.DjlOffline;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.store.ModelStore;
import io.vigil.platform.health.Health;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.Protection;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.ReviewReason;
import io.vigil.topics.events.ScoredNewsArticle;
import io.vigil.topics.events.ScoredNote;
import io.vigil.topics.events.ScoredTransaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service end to end on a real broker and real PyTorch models: three domains, bad input, HTTP. */
class InferenceServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    @TempDir
    static Path dir;
    static KafkaSupport k;
    static HttpApi http;
    static ServiceContext ctx;
    static InferenceService service;
    static final HttpClient client = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        DjlOffline.ensure();
        k = new KafkaSupport(dir);
        TinyModels.installAll(new ModelStore(dir.resolve("data/models")), "v1", 7);
        http = new HttpApi("127.0.0.1", 0).start();
        ctx = k.context(dir.resolve("data"), Map.of(
                "inference.max-poll-records", "50",
                "inference.models.news-sentiment.queue-size", "2",
                "inference.models.news-sentiment.batch-size", "16"), http);
        service = new InferenceService(ctx);
        service.start();
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
        if (http != null) http.close();
        if (k != null) k.close();
    }

    @Test
    void scoresAllThreeDomainsEndToEnd() {
        int n = 12;
        for (int i = 0; i < n; i++) {
            k.send(Topics.NEWS_CLEAN, "ACME", Events.news("e2e-news-" + i, "ACME", "the market shares " + (i % 2 == 0 ? "soar" : "plunge")));
            k.send(Topics.TRANSACTIONS_ENRICHED, "acct-" + (i % 3), Events.txn("e2e-txn-" + i, "acct-" + (i % 3), 10 + 100 * i));
            k.send(Topics.NOTES_DEID, "pt-" + (i % 4), Events.note("e2e-note-" + i, "pt-" + (i % 4), "patient noted steady today " + i));
        }
        var news = k.readUntil(Topics.NEWS_SCORED, l -> ids(l, "e2e-news-").size() >= n, WAIT);
        var txns = k.readUntil(Topics.TRANSACTIONS_SCORED, l -> ids(l, "e2e-txn-").size() >= n, WAIT);
        var notes = k.readUntil(Topics.NOTES_SCORED, l -> ids(l, "e2e-note-").size() >= n, WAIT);
        List<ScoredNewsArticle> sn = values(news, "e2e-news-");
        List<ScoredTransaction> st = values(txns, "e2e-txn-");
        List<ScoredNote> so = values(notes, "e2e-note-");
        assertThat(sn).hasSize(n);
        assertThat(st).hasSize(n);
        assertThat(so).hasSize(n);
        for (ScoredNewsArticle s : sn) {
            assertThat(s.score().model()).isEqualTo(TinyModels.NEWS);
            assertThat(s.score().modelVersion()).isEqualTo("v1");
            assertThat(TinyModels.SENTIMENT).contains(s.score().label());
            assertThat(s.score().score()).isEqualTo(s.score().probabilities().get(s.score().label()));
            assertThat(s.score().latencyMs()).isGreaterThanOrEqualTo(0);
        }
        for (ScoredTransaction s : st) {
            assertThat(s.score().model()).isEqualTo(TinyModels.FRAUD);
            assertThat(s.score().score()).isEqualTo(s.score().probabilities().get("fraud")); // score = P(fraud)
            assertThat(s.transaction().transaction().accountId()).startsWith("acct-");
        }
        for (ScoredNote s : so) {
            assertThat(TinyModels.URGENCY).contains(s.score().label());
            assertThat(s.score().score()).isEqualTo(s.score().probabilities().get("urgent"));
            assertThat(s.score().explanation()).isNotEmpty(); // notes: explain always
            assertThat(s.score().explanation()).allSatisfy(a -> assertThat(a.start()).isNotNull());
        }
        // every urgent note and every fraud score >= 0.8 is queued for review as high risk
        Set<String> highRisk = new java.util.HashSet<>();
        so.stream().filter(s -> s.score().label().equals("urgent")).forEach(s -> highRisk.add(s.id()));
        st.stream().filter(s -> s.score().score() >= 0.8).forEach(s -> highRisk.add(s.id()));
        var reviews = k.readUntil(Topics.REVIEW_ITEMS, l -> l.stream().map(r -> r.value().eventId())
                .collect(Collectors.toSet()).containsAll(highRisk), Duration.ofSeconds(30));
        Map<String, ReviewItem> byEvent = reviews.stream().map(ConsumerRecord::value)
                .collect(Collectors.toMap(ReviewItem::eventId, r -> r, (a, b) -> a));
        for (String id : highRisk) assertThat(byEvent.get(id).reason()).isEqualTo(ReviewReason.HIGH_RISK);
        assertThat(byEvent.values()).allSatisfy(r -> assertThat(r.explanation()).isNotNull());
        // metrics and health
        assertThat(ctx.metrics().find("vigil.inference.events.scored").counters()).isNotEmpty();
        assertThat(ctx.metrics().find("vigil.inference.batch.size").summary()).isNotNull();
        Health.Report h = ctx.health().check();
        assertThat(h.checks().get("inference-loop").state()).isEqualTo(Health.State.UP);
        assertThat(h.checks().get("inference-models").detail()).contains("news-sentiment@v1");
    }

    @Test
    void emptyHugeAndNonUtf8InputAreTruncatedOrDeadLettered() {
        String mb = "patient noted steady ".repeat(50_000); // ~1 MB
        k.send(Topics.NOTES_DEID, "pt-x", Events.note("bad-note-huge", "pt-x", mb));
        k.send(Topics.NOTES_DEID, "pt-x", Events.note("bad-note-blank", "pt-x", "   "));
        byte[] notUtf8 = "{\"id\":\"bad-news-utf8\",\"title\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        k.sendRaw(Topics.NEWS_CLEAN, "ACME", notUtf8);
        String hugeTitle = "shares soar ".repeat(90_000);
        byte[] hugeNews = Topics.NEWS_CLEAN.jsonValueSerde().toTree(Events.news("bad-news-huge", "ACME", "x")).toString()
                .replace("\"title\":\"x\"", "\"title\":\"" + hugeTitle + "\"").getBytes(StandardCharsets.UTF_8);
        k.sendRaw(Topics.NEWS_CLEAN, "ACME", hugeNews);
        k.send(Topics.NEWS_CLEAN, "ACME", Events.news("good-news-after-bad", "ACME", "stock soar"));
        String utf8Id = "dlq-" + DeadLetter.sha256Hex(notUtf8).substring(0, DeadLetter.ID_HASH_CHARS);

        var dlq = k.readUntil(Topics.INFERENCE_DLQ, l -> l.stream().map(r -> r.value().id()).collect(Collectors.toSet())
                .containsAll(List.of("bad-note-blank", utf8Id, "bad-news-huge")), WAIT);
        Map<String, DeadLetter> byId = dlq.stream().map(ConsumerRecord::value).collect(Collectors.toMap(DeadLetter::id, d -> d, (a, b) -> a));
        assertThat(byId.get("bad-note-blank").errorType()).isEqualTo("empty-text");
        assertThat(byId.get("bad-note-blank").protection()).isEqualTo(Protection.WITHHELD); // patient data never in clear
        assertThat(byId.get(utf8Id).errorType()).isEqualTo("not-utf8");
        assertThat(byId.get(utf8Id).sourceTopic()).isEqualTo(Topics.NEWS_CLEAN.name());
        assertThat(byId.get("bad-news-huge").errorType()).isEqualTo("schema");
        assertThat(byId.get("bad-news-huge").reason()).contains("title").contains("withheld");
        assertThat(byId.get("bad-news-huge").protection()).isEqualTo(Protection.WITHHELD);

        var notes = k.readUntil(Topics.NOTES_SCORED, l -> ids(l, "bad-note-huge").size() == 1, WAIT);
        ScoredNote huge = values(notes, "bad-note-huge").getFirst();
        assertThat(huge.note().text()).hasSize(20_000);
        assertThat(huge.score().explanation()).anySatisfy(a -> assertThat(a.feature()).contains("truncated").contains(String.valueOf(mb.length())));
        var news = k.readUntil(Topics.NEWS_SCORED, l -> ids(l, "good-news-after-bad").size() == 1, WAIT);
        assertThat(ids(news, "good-news-after-bad")).hasSize(1);
        assertThat(ids(news, "bad-news")).isEmpty();
        assertThat(ids(notes, "bad-note-blank")).isEmpty();
    }

    @Test
    void httpScoresAndMapsErrorsToStatusCodes() throws Exception {
        HttpResponse<String> ok = post("/v1/score/news-sentiment?explain=true", "{\"inputs\":[\"shares soar\",\"stock plunge\"]}");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(ok.body());
        assertThat(body.get("modelVersion").asText()).isEqualTo("v1");
        assertThat(body.get("results")).hasSize(2);
        assertThat(body.get("results").get(0).get("explanation")).isNotEmpty();
        assertThat(body.get("results").get(0).get("probabilities")).hasSize(3);

        StringBuilder features = new StringBuilder("{");
        for (String f : TransactionFeaturizer.SPEC.names()) features.append(features.length() > 1 ? "," : "").append('"').append(f).append("\":0.5");
        features.append('}');
        HttpResponse<String> tab = post("/v1/score/transaction-fraud", "{\"inputs\":[" + features + "]}");
        assertThat(tab.statusCode()).isEqualTo(200);
        assertThat(json.readTree(tab.body()).get("results").get(0).get("probabilities").has("fraud")).isTrue();

        HttpResponse<String> notText = post("/v1/score/news-sentiment", "{\"inputs\":[1]}");
        assertThat(notText.statusCode()).isEqualTo(400);
        assertThat(notText.body()).contains("inputs[0]");
        HttpResponse<String> missing = post("/v1/score/transaction-fraud", "{\"inputs\":[{\"log_amount\":1}]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("inputs[0].hour_of_day");
        assertThat(post("/v1/score/news-sentiment", "{}").body()).contains("'inputs'");
        assertThat(post("/v1/score/news-sentiment", "{\"inputs\":[\" \"]}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/score/no-such-model", "{\"inputs\":[\"x\"]}").statusCode()).isEqualTo(404);

        // news has a queue of 2 here: a burst of slow (explained) requests must be shed with 503, not queued
        String slow = "{\"inputs\":[" + String.join(",", java.util.Collections.nCopies(64, "\"the quarter report noted steady shares today\"")) + "]}";
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<Integer>> f = new ArrayList<>();
            for (int i = 0; i < 12; i++) f.add(pool.submit(() -> post("/v1/score/news-sentiment?explain=true", slow).statusCode()));
            for (Future<Integer> x : f) statuses.add(x.get());
        }
        assertThat(statuses).contains(503).allMatch(s -> s == 200 || s == 503);
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static <V extends io.vigil.topics.events.Event> List<String> ids(List<ConsumerRecord<String, V>> l, String prefix) {
        return l.stream().map(r -> r.value().id()).filter(id -> id.startsWith(prefix)).toList();
    }

    static <V extends io.vigil.topics.events.Event> List<V> values(List<ConsumerRecord<String, V>> l, String prefix) {
        return l.stream().map(ConsumerRecord::value).filter(v -> v.id().startsWith(prefix)).toList();
    }
}
