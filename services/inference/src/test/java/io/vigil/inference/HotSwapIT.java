package io.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.models.DjlOffline;
import io.vigil.models.store.ModelStore;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ReleaseAction;
import io.vigil.topics.events.ScoredNewsArticle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release arrives mid-stream: every event is scored exactly once, by exactly one version, the versions
 * switch once per partition (at a transaction boundary), and per-key order is kept.
 */
class HotSwapIT {

    @TempDir
    Path dir;

    @Test
    void promoteMidStreamLosesAndDuplicatesNothing() throws Exception {
        DjlOffline.ensure();
        ModelStore store = new ModelStore(dir.resolve("data/models"));
        TinyModels.installAll(store, "v1", 7);
        // v2 is published from outside the store: the service copies it in from the release's location. It has the
        // default news-sentiment architecture (MiniLM encoder from its Maven artifact), v1 the from-scratch hybrid
        ModelStore elsewhere = new ModelStore(dir.resolve("registry"));
        TinyModels.minilmText(elsewhere, TinyModels.NEWS, "v2", TinyModels.SENTIMENT, 8);

        int half = 150;
        List<String> keys = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
        try (KafkaSupport k = new KafkaSupport(dir)) {
            InferenceService service = new InferenceService(k.context(dir.resolve("data"), Map.of(
                    "inference.max-poll-records", "20",
                    "inference.models.news-sentiment.batch-size", "8"), null));
            service.start();
            try {
                produce(k, keys, 0, half);
                k.readUntil(Topics.NEWS_SCORED, l -> l.size() >= 20, Duration.ofSeconds(120));
                k.send(Topics.MODELS_RELEASES, TinyModels.NEWS, new ModelRelease("rel-news-v2", Instant.now(), "test", 1,
                        TinyModels.NEWS, "v2", "v1", ReleaseAction.PROMOTE, elsewhere.dir(TinyModels.NEWS, "v2").toString(),
                        Map.of("macroF1", 0.9), "test promotion", "tester"));
                produce(k, keys, half, 2 * half);

                List<ConsumerRecord<String, ScoredNewsArticle>> out = k.readUntil(Topics.NEWS_SCORED,
                        l -> l.size() >= 2 * half, Duration.ofSeconds(180));
                // exactly N, each id once
                assertThat(out).hasSize(2 * half);
                Set<String> ids = new HashSet<>();
                out.forEach(r -> assertThat(ids.add(r.value().id())).as("duplicate %s", r.value().id()).isTrue());
                // each event by exactly one version; both versions served; v2 took over
                Map<String, Integer> byVersion = new HashMap<>();
                out.forEach(r -> byVersion.merge(r.value().score().modelVersion(), 1, Integer::sum));
                assertThat(byVersion.keySet()).containsExactlyInAnyOrder("v1", "v2");
                assertThat(service.workload().registry().version(TinyModels.NEWS)).isEqualTo("v2");
                // per output partition: v1...v1 v2...v2, never back (the switch fell between transactions)
                Map<Integer, List<String>> versionsByPartition = new HashMap<>();
                out.stream().sorted((a, b) -> Long.compare(a.offset(), b.offset()))
                        .forEach(r -> versionsByPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                                .add(r.value().score().modelVersion()));
                versionsByPartition.values().forEach(v -> assertThat(switches(v)).isLessThanOrEqualTo(1));
                // per key: sequence numbers strictly increasing in output order
                Map<String, Integer> lastSeq = new HashMap<>();
                out.stream().sorted((a, b) -> Long.compare(a.offset(), b.offset())).forEach(r -> {
                    int seq = Integer.parseInt(r.value().id().substring(r.value().id().lastIndexOf('-') + 1));
                    Integer prev = lastSeq.put(r.key(), seq);
                    if (prev != null) assertThat(seq).as("order of key %s", r.key()).isGreaterThan(prev);
                });
                assertThat(store.current(TinyModels.NEWS)).contains("v2"); // copied into the local store, survives restart
                assertThat(service.workload().registry().store().dir(TinyModels.NEWS, "v2").resolve("config.json")).exists();
                assertThat(service.loop().alive()).isTrue();
            } finally {
                service.close();
            }
        }
    }

    private static int switches(List<String> versions) {
        int n = 0;
        for (int i = 1; i < versions.size(); i++) if (!versions.get(i).equals(versions.get(i - 1))) n++;
        return n;
    }

    private static void produce(KafkaSupport k, List<String> keys, int from, int to) {
        for (int i = from; i < to; i++) {
            String key = keys.get(i % keys.size());
            k.send(Topics.NEWS_CLEAN, key, Events.news("swap-" + key + "-" + i, key, "shares " + (i % 3 == 0 ? "soar" : "plunge") + " " + i));
        }
    }
}
