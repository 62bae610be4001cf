package io.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.models.DjlOffline;
import io.vigil.models.store.ModelStore;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ReleaseAction;
import io.vigil.topics.events.Score;
import io.vigil.topics.events.ScoredNewsArticle;
import io.vigil.topics.events.ScoredNote;
import io.vigil.topics.events.ScoredTransaction;
import io.vigil.topics.events.ScoringMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill switch through the real broker and engine: while a model is killed every event of its domain is
 * scored by its documented rules and says so (mode rules, version "rules"); a restart keeps the switch on;
 * restore brings the model back. Nothing is lost or scored twice across the switches.
 */
class KillSwitchIT {

    @TempDir
    Path dir;

    @Test
    void killedModelsScoreWithRulesUntilRestored() throws Exception {
        DjlOffline.ensure();
        ModelStore store = new ModelStore(dir.resolve("data/models"));
        TinyModels.installAll(store, "v1", 7);
        List<String> models = List.of(TinyModels.NEWS, TinyModels.FRAUD, TinyModels.NOTES);
        try (KafkaSupport k = new KafkaSupport(dir)) {
            Map<String, String> set = Map.of("inference.max-poll-records", "20");
            InferenceService service = new InferenceService(k.context(dir.resolve("data"), set, null));
            service.start();
            try {
                produce(k, "before", 12);
                awaitScored(k, 36);
                for (String m : models) k.send(Topics.MODELS_RELEASES, m, release(store, m, ReleaseAction.KILL));
                InferenceService s1 = service;
                await().atMost(Duration.ofSeconds(60)).until(() -> models.stream()
                        .allMatch(m -> s1.workload().registry().version(m).equals("rules")));
                produce(k, "killed", 12);
                awaitScored(k, 72);
            } finally {
                service.close();
            }
            // a restart reads the compacted releases: still killed
            service = new InferenceService(k.context(dir.resolve("data"), set, null));
            service.start();
            try {
                InferenceService s2 = service;
                for (String m : models) assertThat(s2.workload().registry().version(m)).isEqualTo("rules");
                produce(k, "restarted", 6);
                awaitScored(k, 90);
                for (String m : models) k.send(Topics.MODELS_RELEASES, m, release(store, m, ReleaseAction.RESTORE));
                await().atMost(Duration.ofSeconds(60)).until(() -> models.stream()
                        .allMatch(m -> s2.workload().registry().version(m).equals("v1")));
                produce(k, "restored", 12);
                Map<String, Score> scores = awaitScored(k, 126);
                assertThat(scores).hasSize(126);
                scores.forEach((id, sc) -> {
                    boolean rules = id.contains("-killed-") || id.contains("-restarted-");
                    assertThat(sc.mode()).as(id).isEqualTo(rules ? ScoringMode.RULES : ScoringMode.MODEL);
                    assertThat(sc.modelVersion()).as(id).isEqualTo(rules ? "rules" : "v1");
                });
                // the rules are explained too, and the note rules read the urgent term
                Score urgent = scores.get("note-killed-0");
                assertThat(urgent.label()).isEqualTo("urgent");
                assertThat(store.current(TinyModels.NEWS)).contains("v1");
            } finally {
                service.close();
            }
        }
    }

    private static ModelRelease release(ModelStore store, String model, ReleaseAction action) {
        return new ModelRelease("rel-" + model + "-" + action.wire() + "-" + System.nanoTime(), Instant.now(), "test", 1,
                model, "v1", null, action, store.dir(model, "v1").toString(), null, "test " + action.wire(), "tester");
    }

    private static void produce(KafkaSupport k, String phase, int n) {
        for (int i = 0; i < n; i++) {
            k.send(Topics.NEWS_CLEAN, "AAA", Events.news("news-" + phase + "-" + i, "AAA", "shares soar on record profit " + i));
            k.send(Topics.TRANSACTIONS_ENRICHED, "acct-" + i, Events.txn("txn-" + phase + "-" + i, "acct-" + i, 10 + i));
            k.send(Topics.NOTES_DEID, "p-" + i, Events.note("note-" + phase + "-" + i, "p-" + i,
                    "Patient admitted to the ICU with septic shock, day " + i + "."));
        }
    }

    /** Every scored event of the three domains by id (a duplicate id fails), once each domain has perDomain. */
    private static Map<String, Score> awaitScored(KafkaSupport k, int total) {
        int per = total / 3;
        Duration t = Duration.ofSeconds(180);
        Map<String, Score> out = new HashMap<>();
        collect(out, k.readUntil(Topics.NEWS_SCORED, l -> l.size() >= per, t), ScoredNewsArticle::id, ScoredNewsArticle::score);
        collect(out, k.readUntil(Topics.TRANSACTIONS_SCORED, l -> l.size() >= per, t), ScoredTransaction::id, ScoredTransaction::score);
        collect(out, k.readUntil(Topics.NOTES_SCORED, l -> l.size() >= per, t), ScoredNote::id, ScoredNote::score);
        assertThat(out).hasSize(total);
        return out;
    }

    private static <V> void collect(Map<String, Score> out, List<ConsumerRecord<String, V>> recs, Function<V, String> id,
                                    Function<V, Score> score) {
        for (ConsumerRecord<String, V> r : recs) {
            assertThat(out.put(id.apply(r.value()), score.apply(r.value()))).as("scored twice: %s", id.apply(r.value())).isNull();
        }
    }
}
