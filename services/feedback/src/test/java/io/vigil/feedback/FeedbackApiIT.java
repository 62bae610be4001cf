package io.vigil.feedback;

import static io.vigil.feedback.Harness.ANN;
import static io.vigil.feedback.Harness.BOB;
import static io.vigil.feedback.Harness.ROOT;
import static io.vigil.feedback.Harness.SVC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.models.store.ModelStore;
import io.vigil.models.text.TextClassifier;
import io.vigil.topics.Topics;
import io.vigil.topics.events.AuditOutcome;
import io.vigil.topics.events.AuditRecord;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ReleaseAction;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.ReviewReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The API end to end on a real broker: roles, queues, corrections, second review, versions, fine-tune, rollback, restart. */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedbackApiIT {

    @TempDir
    static Path dir;
    static Harness h;
    static List<ReviewItem> items = new ArrayList<>();

    @BeforeAll
    static void start() {
        h = new Harness(dir, Map.of(
                "feedback.review.second-review-fraction", "0.5",
                "feedback.fine-tune.enabled", "false",
                "feedback.fine-tune.replay-size", "200",
                "feedback.fine-tune.epochs", "1",
                "feedback.fine-tune.holdout-size", "200"));
        Champions.install(h.models, 1);
        h.start();
        ModelStore store = new ModelStore(h.models);
        try (TextClassifier m = store.loadText("news-sentiment", "v1")) {
            String[] texts = {"Acme narrows quarterly loss to $12 million", "Globex shares jump after upbeat outlook",
                    "Initech to hold annual meeting in May", "Hooli misses revenue estimates", "Soylent recalls products"};
            for (int i = 0; i < texts.length; i++) items.add(Harness.scored("item-" + i, texts[i], m, ReviewReason.LOW_CONFIDENCE));
        }
        h.publish(items);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.service.queues().item("item-4").isPresent());
    }

    @AfterAll
    static void stop() {
        if (h != null) h.close();
    }

    @Test
    @Order(1)
    void keysAndRolesAreEnforcedAndBadInputIsNamed() {
        assertThat(h.call("GET", "/v1/review/news", null, null).status()).isEqualTo(401);
        assertThat(h.call("GET", "/v1/review/news", "nope", null).status()).isEqualTo(401);
        Harness.Reply denied = h.call("GET", "/v1/review/news", SVC, null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().path("message").asText()).contains("role 'service'");
        assertThat(h.call("POST", "/v1/models/news-sentiment/fine-tune", ANN, null).status()).isEqualTo(403);
        assertThat(h.call("POST", "/v1/models/news-sentiment/rollback", BOB, Map.of("version", "v1")).status()).isEqualTo(403);
        Harness.Reply missing = h.call("POST", "/v1/review/item-0/correction", ANN, Map.of("comment", "x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("message").asText()).contains("'label'");
        Harness.Reply typed = h.call("POST", "/v1/review/item-0/correction", ANN, "{\"label\": \"positive\", \"groups\": 3}");
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.body().path("message").asText()).contains("'groups'");
        Harness.Reply wrongLabel = h.call("POST", "/v1/review/item-0/correction", ANN, Map.of("label", "bullish"));
        assertThat(wrongLabel.status()).isEqualTo(400);
        assertThat(wrongLabel.body().path("message").asText()).contains("field 'label'").contains("positive");
        assertThat(h.call("POST", "/v1/review/nope/correction", ANN, Map.of("label", "positive")).status()).isEqualTo(404);
        assertThat(h.call("GET", "/v1/review/stocks", ANN, null).status()).isEqualTo(400);
        assertThat(h.call("POST", "/v1/models/news-sentiment/rollback", ROOT, Map.of()).body().path("message").asText())
                .contains("'version'");
        List<AuditRecord> audits = h.read(Topics.AUDIT, a -> a.outcome() == AuditOutcome.DENIED, 3, Duration.ofSeconds(30));
        assertThat(audits).extracting(AuditRecord::actor).contains("svc", "ann", "bob");
    }

    @Test
    @Order(2)
    void analystsReviewCorrectAndSkip() {
        Harness.Reply q = h.call("GET", "/v1/review/news?limit=10", ANN, null);
        assertThat(q.status()).isEqualTo(200);
        assertThat(q.body().path("items")).hasSize(5);
        JsonNode first = q.body().path("items").get(0);
        assertThat(first.path("highlights").size()).isPositive();
        assertThat(first.path("labels")).extracting(JsonNode::asText).containsExactly("negative", "neutral", "positive");
        assertThat(first.path("highlights").get(0).path("end").asInt()).isLessThanOrEqualTo(first.path("text").asText().length());

        Harness.Reply ok = h.call("POST", "/v1/review/item-0/correction", ANN, Map.of("label", "positive", "comment", "loss narrowed"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(h.call("POST", "/v1/review/item-0/correction", ANN, Map.of("label", "positive")).status()).isEqualTo(409);
        List<Correction> cs = h.read(Topics.FEEDBACK_CORRECTIONS, c -> c.reviewItemId().equals("item-0"), 1, Duration.ofSeconds(30));
        assertThat(cs).singleElement().satisfies(c -> {
            assertThat(c.analyst()).isEqualTo("ann");
            assertThat(c.correctedLabel()).isEqualTo("positive");
            assertThat(c.modelVersion()).isEqualTo("v1");
            assertThat(c.eventId()).isEqualTo("ev-item-0");
        });
        List<AuditRecord> audit = h.read(Topics.AUDIT, a -> a.action().equals("review.correct"), 1, Duration.ofSeconds(30));
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("ann");
            assertThat(a.target()).isEqualTo("ev-item-0");
            assertThat(a.modelVersion()).isEqualTo("v1");
        });
        assertThat(h.call("GET", "/v1/review/news", ANN, null).body().path("items")).extracting(i -> i.path("itemId").asText())
                .doesNotContain("item-0");
        assertThat(h.call("POST", "/v1/review/item-1/skip", ANN, null).status()).isEqualTo(200);
        assertThat(h.call("GET", "/v1/review/news", ANN, null).body().path("items")).extracting(i -> i.path("itemId").asText())
                .doesNotContain("item-1");
        assertThat(h.call("GET", "/v1/review/news", BOB, null).body().path("items")).extracting(i -> i.path("itemId").asText())
                .contains("item-1");
        Harness.Reply hist = h.call("GET", "/v1/events/ev-item-0/history", SVC, null);
        assertThat(hist.status()).isEqualTo(200);
        assertThat(hist.body().path("corrections")).hasSize(1);
        assertThat(hist.body().path("reviewItems")).hasSize(1);
        assertThat(h.meters.counter("vigil.feedback.corrections", "domain", "news").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void sampledItemsGetASecondAnalystAndAgreementIsReported() {
        // with a 50% sample some of items 2..4 need a second analyst: both analysts correct all of them
        for (String id : List.of("item-2", "item-3", "item-4")) {
            assertThat(h.call("POST", "/v1/review/" + id + "/correction", ANN, Map.of("label", "neutral")).status()).isEqualTo(201);
            boolean open = h.service.queues().isOpen(id);
            assertThat(open).isEqualTo(h.service.queues().sampledForSecondReview(id));
            if (open) {
                String label = id.equals("item-3") ? "negative" : "neutral";
                assertThat(h.call("POST", "/v1/review/" + id + "/correction", BOB, Map.of("label", label)).status()).isEqualTo(201);
            }
        }
        Harness.Reply a = h.call("GET", "/v1/agreement", ROOT, null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("secondReviewFraction").asDouble()).isEqualTo(0.5);
        assertThat(a.body().has("pairs")).isTrue();
    }

    @Test
    @Order(4)
    void adminFineTuneIsJudgedAndRejectedCandidatesKeepTheirCard() {
        // the monitors reported two drift windows of the champion; the card records the later one
        h.publishDrift(List.of(
                MonitorEvents.drift("news-sentiment", "v1", "text_length", 1, 5.28, true),
                MonitorEvents.drift("news-sentiment", "v1", "score", 1, 0.48, true),
                MonitorEvents.drift("news-sentiment", "v1", "text_length", 0, 0.008, false),
                MonitorEvents.drift("news-sentiment", "v1", "score", 0, 0.02, false)));
        await().atMost(Duration.ofSeconds(30)).until(() -> h.service.monitorReadings().drift("news-sentiment", "v1") != null
                && h.service.monitorReadings().drift("news-sentiment", "v1").get("inputs").equals(2));
        Harness.Reply r = h.call("POST", "/v1/models/news-sentiment/fine-tune", ROOT, null);
        assertThat(r.status()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(4)).until(() -> h.call("GET", "/v1/models/news-sentiment/fine-tunes", SVC, null)
                .body().path("jobs").get(0).path("finishedAt").isTextual());
        JsonNode job = h.call("GET", "/v1/models/news-sentiment/fine-tunes", SVC, null).body().path("jobs").get(0);
        // a handful of corrections cannot pass the gate (too few held out): the candidate is kept as rejected
        assertThat(job.path("status").asText()).isEqualTo("rejected");
        JsonNode versions = h.call("GET", "/v1/models/news-sentiment/versions", ANN, null).body();
        assertThat(versions.path("current").asText()).isEqualTo("v1");
        JsonNode rejected = versions.path("rejected").get(0);
        assertThat(rejected.path("version").asText()).isEqualTo("v2");
        assertThat(rejected.path("card").path("parentVersion").asText()).isEqualTo("v1");
        assertThat(rejected.path("card").path("trigger").asText()).isEqualTo("fine-tune:admin");
        assertThat(rejected.path("card").path("metrics").path("gate").path("why").asText()).startsWith("rejected: FAIL");
        assertThat(rejected.path("card").path("counts").path("replay").asInt()).isEqualTo(200);
        // its own drift reference, built from the training data; and the champion's drift when it was judged
        assertThat(rejected.path("card").path("metrics").path("referenceProfile").path("source").asText()).isEqualTo("built");
        assertThat(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(rejected.path("location").asText(), "reference-profile.json"))).isTrue();
        JsonNode mon = rejected.path("card").path("metrics").path("monitors");
        assertThat(mon.path("champion").asText()).isEqualTo("v1");
        assertThat(mon.path("drift").path("windowEnd").asText()).isEqualTo(MonitorEvents.windowEnd(1).toString());
        assertThat(mon.path("drift").path("maxPsi").asDouble()).isEqualTo(5.28);
        assertThat(mon.path("drift").path("maxPsiInput").asText()).isEqualTo("text_length");
        assertThat(mon.path("drift").path("pastBound").path("score").path("psi").asDouble()).isEqualTo(0.48);
        // news carries no group attributes, so the fairness monitor never reports on it
        assertThat(mon.path("fairness").asText()).isEqualTo("no fairness window reported for news-sentiment");
    }

    @Test
    @Order(5)
    void rollbackRepublishesAnEarlierVersion() throws Exception {
        // an earlier promotion, made by hand: v3 = a copy of v1, current
        Champions.copy(h.models.resolve("news-sentiment/v1"), h.models.resolve("news-sentiment/v3"));
        new ModelStore(h.models).setCurrent("news-sentiment", "v3");
        assertThat(h.call("POST", "/v1/models/news-sentiment/rollback", ROOT, Map.of("version", "v2")).status()).isEqualTo(404);
        assertThat(h.call("POST", "/v1/models/news-sentiment/rollback", ROOT, Map.of("version", "v3")).status()).isEqualTo(409);
        Harness.Reply ok = h.call("POST", "/v1/models/news-sentiment/rollback", ROOT, Map.of("version", "v1", "reason", "drill"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(new ModelStore(h.models).current("news-sentiment")).contains("v1");
        List<ModelRelease> rel = h.read(Topics.MODELS_RELEASES, m -> m.action() == ReleaseAction.ROLLBACK, 1, Duration.ofSeconds(30));
        assertThat(rel).singleElement().satisfies(m -> {
            assertThat(m.modelVersion()).isEqualTo("v1");
            assertThat(m.parentVersion()).isEqualTo("v3");
            assertThat(m.actor()).isEqualTo("root");
            assertThat(m.location()).endsWith("news-sentiment/v1");
        });
        assertThat(h.call("GET", "/ui", null, null).body().asText()).contains("<html").contains("/v1/review/");
    }

    @Test
    @Order(6)
    void aRestartedServiceRebuildsTheQueuesFromTheTopics() {
        List<String> before = ids(h.call("GET", "/v1/review/news", BOB, null));
        var config = io.vigil.platform.config.VigilConfig.load(h.dir.resolve("feedback.yaml"), Map.of(), Map.of(
                "kafka.bootstrap-servers", h.kafka.bootstrapServers(), "feedback.models-dir", h.models.toString(),
                "feedback.review.second-review-fraction", "0.5", "feedback.fine-tune.enabled", "false",
                "feedback.training-data-dir", Champions.DATA.toString()));
        try (var http = new io.vigil.platform.http.HttpApi("127.0.0.1", 0).start();
             var again = new FeedbackService(new io.vigil.platform.service.ServiceContext(config, h.clients, h.dir.resolve("data"),
                     new io.vigil.platform.health.Health(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), http))) {
            again.start();
            await().atMost(Duration.ofSeconds(60)).until(again::ready);
            assertThat(again.queues().next(io.vigil.topics.events.Domain.NEWS, "bob", 50)).extracting(ReviewItem::id)
                    .containsExactlyElementsOf(before);
            assertThat(again.queues().corrections()).hasSameSizeAs(h.service.queues().corrections());
        }
    }

    @Test
    @Order(7)
    void theKillSwitchIsPublishedAuditedAndListed() throws Exception {
        assertThat(h.call("POST", "/v1/models/news-sentiment/kill", null, Map.of("reason", "x")).status()).isEqualTo(401);
        assertThat(h.call("POST", "/v1/models/news-sentiment/kill", ANN, Map.of("reason", "x")).status()).isEqualTo(403);
        Harness.Reply noReason = h.call("POST", "/v1/models/news-sentiment/kill", ROOT, Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().path("message").asText()).contains("'reason'");
        assertThat(h.call("POST", "/v1/models/nope/kill", ROOT, Map.of("reason", "x")).status()).isEqualTo(404);
        assertThat(h.call("POST", "/v1/models/news-sentiment/restore", ROOT, Map.of("reason", "x")).status()).isEqualTo(409);

        Harness.Reply kill = h.call("POST", "/v1/models/news-sentiment/kill", ROOT, Map.of("reason", "incident 42: drifting scores"));
        assertThat(kill.status()).isEqualTo(200);
        assertThat(kill.body().path("scoring").asText()).isEqualTo("rules");
        assertThat(h.call("POST", "/v1/models/news-sentiment/kill", ROOT, Map.of("reason", "again")).status()).isEqualTo(409);
        JsonNode listed = h.call("GET", "/v1/models", SVC, null).body().path("models");
        JsonNode news = null;
        for (JsonNode m : listed) if (m.path("model").asText().equals("news-sentiment")) news = m;
        assertThat(news).isNotNull();
        assertThat(news.path("killed").asBoolean()).isTrue();
        assertThat(news.path("kill").path("reason").asText()).isEqualTo("incident 42: drifting scores");
        // a rollback while killed goes out as a kill record carrying the new champion: the switch stays on
        Champions.copy(h.models.resolve("news-sentiment/v1"), h.models.resolve("news-sentiment/v4"));
        assertThat(h.call("POST", "/v1/models/news-sentiment/rollback", ROOT, Map.of("version", "v4")).status()).isEqualTo(200);
        Harness.Reply restore = h.call("POST", "/v1/models/news-sentiment/restore", ROOT, Map.of("reason", "incident 42 closed"));
        assertThat(restore.status()).isEqualTo(200);
        assertThat(restore.body().path("scoring").asText()).isEqualTo("v4");

        List<ModelRelease> rel = h.read(Topics.MODELS_RELEASES, m -> m.action() == ReleaseAction.KILL
                || m.action() == ReleaseAction.RESTORE, 3, Duration.ofSeconds(30));
        assertThat(rel).extracting(ModelRelease::action).containsExactly(ReleaseAction.KILL, ReleaseAction.KILL, ReleaseAction.RESTORE);
        assertThat(rel).extracting(ModelRelease::modelVersion).containsExactly("v1", "v4", "v4");
        assertThat(rel.get(0).location()).endsWith("news-sentiment/v1");
        assertThat(rel.get(0).actor()).isEqualTo("root");
        assertThat(rel.get(1).reason()).contains("rollback of v4 while the kill switch is on");
        List<AuditRecord> audit = h.read(Topics.AUDIT, a -> a.outcome() == AuditOutcome.OK
                && (a.action().equals("model.kill") || a.action().equals("model.restore")), 2, Duration.ofSeconds(30));
        assertThat(audit).extracting(AuditRecord::action).containsExactlyInAnyOrder("model.kill", "model.restore");
        assertThat(audit).filteredOn(a -> a.action().equals("model.kill")).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("root");
            assertThat(a.details()).containsEntry("reason", "incident 42: drifting scores").containsEntry("scoring", "rules");
        });
        assertThat(h.read(Topics.AUDIT, a -> a.outcome() == AuditOutcome.DENIED && a.action().equals("model.kill"), 1,
                Duration.ofSeconds(30))).singleElement().satisfies(a -> assertThat(a.actor()).isEqualTo("ann"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !h.service.killSwitches().killed("news-sentiment"));
    }

    @Test
    @Order(8)
    void aRollbackRecordsTheDriftAndFairnessOfTheVersionItReplaces() throws Exception {
        // transaction-fraud: a later version (a copy of the bundled one) is champion and drifts, with a disparity
        String shipped = new ModelStore(h.models).current("transaction-fraud").orElseThrow();
        Champions.copy(h.models.resolve("transaction-fraud/" + shipped), h.models.resolve("transaction-fraud/v9"));
        new ModelStore(h.models).setCurrent("transaction-fraud", "v9");
        h.publishDrift(List.of(
                MonitorEvents.drift("transaction-fraud", "v9", "log_amount", 2, 1.10, true),
                MonitorEvents.drift("transaction-fraud", "v9", "score", 2, 1.51, true),
                MonitorEvents.drift("transaction-fraud", "v9", "hour_of_day", 2, 0.01, false),
                MonitorEvents.drift("transaction-fraud", shipped, "score", 2, 0.02, false)));
        h.publishFairness(List.of(
                MonitorEvents.fairness("transaction-fraud", "gender", "F", 2, 40, 8, 0.16, 0.2, List.of("demographic-parity")),
                MonitorEvents.fairness("transaction-fraud", "gender", "M", 2, 50, 2, 0.0, 1.0, List.of())));
        await().atMost(Duration.ofSeconds(30)).until(() -> h.service.monitorReadings().fairness("transaction-fraud") != null
                && ((Map<?, ?>) h.service.monitorReadings().fairness("transaction-fraud").get("groups")).size() == 2
                && h.service.monitorReadings().drift("transaction-fraud", "v9") != null
                && h.service.monitorReadings().drift("transaction-fraud", "v9").get("inputs").equals(3));

        Harness.Reply ok = h.call("POST", "/v1/models/transaction-fraud/rollback", ROOT, Map.of("version", shipped, "reason", "v9 drifts"));
        assertThat(ok.status()).isEqualTo(200);
        JsonNode versions = h.call("GET", "/v1/models/transaction-fraud/versions", ANN, null).body();
        JsonNode card = null;
        for (JsonNode v : versions.path("versions")) if (v.path("version").asText().equals(shipped)) card = v.path("card");
        assertThat(card).isNotNull();
        JsonNode rb = card.path("metrics").path("rollbacks");
        assertThat(rb.size()).isEqualTo(1);
        assertThat(rb.get(0).path("from").asText()).isEqualTo("v9");
        assertThat(rb.get(0).path("reason").asText()).isEqualTo("v9 drifts");
        assertThat(rb.get(0).path("actor").asText()).isEqualTo("root");
        JsonNode drift = rb.get(0).path("monitors").path("drift");
        assertThat(drift.path("modelVersion").asText()).isEqualTo("v9");
        assertThat(drift.path("maxPsi").asDouble()).isEqualTo(1.51);
        assertThat(drift.path("maxPsiInput").asText()).isEqualTo("score");
        List<String> past = new ArrayList<>();
        drift.path("pastBound").fieldNames().forEachRemaining(past::add);
        assertThat(past).containsExactlyInAnyOrder("log_amount", "score");
        JsonNode fair = rb.get(0).path("monitors").path("fairness");
        assertThat(fair.path("windowEnd").asText()).isEqualTo(MonitorEvents.windowEnd(2).toString());
        assertThat(fair.path("maxParityDifference").asDouble()).isEqualTo(0.16);
        assertThat(fair.path("breaches").get(0).asText()).isEqualTo("gender=F demographic-parity");
        assertThat(fair.path("groups").path("gender=F").path("parityRatio").asDouble()).isEqualTo(0.2);
        assertThat(fair.path("groups").path("gender=F").path("fourFifths").asBoolean()).isFalse();
        // the shipped card's own content is kept
        assertThat(card.path("metrics").size()).isGreaterThan(1);
        assertThat(card.path("trigger").asText()).isNotEmpty();
    }

    static List<String> ids(Harness.Reply r) {
        List<String> out = new ArrayList<>();
        r.body().path("items").forEach(i -> out.add(i.path("itemId").asText()));
        return out;
    }
}
