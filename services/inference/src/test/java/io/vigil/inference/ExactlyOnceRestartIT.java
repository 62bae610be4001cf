package io.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.models.DjlOffline;
import io.vigil.models.store.ModelStore;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ScoredNewsArticle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipelined loop keeps several polls in flight; whatever happens to an instance, what it had in flight
 * and not committed is scored again by the next owner, and nothing committed is scored twice. On the real
 * broker, mid-stream: a second instance joins the group (rebalance with polls in flight), a third with the
 * first one's transactional id starts (the first is fenced and dies mid-transaction), the survivors are
 * stopped with polls in flight, and a last instance finishes. Counted: exactly N scored events, each id
 * once, per-key order kept.
 */
class ExactlyOnceRestartIT {

    @TempDir
    Path dir;

    @Test
    void fencedAndStoppedInstancesLoseAndDuplicateNothing() throws Exception {
        DjlOffline.ensure();
        TinyModels.installAll(new ModelStore(dir.resolve("data/models")), "v1", 7);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) keys.add("K" + i);
        Set<Integer> partitions = new HashSet<>();
        keys.forEach(k -> partitions.add(Utils.toPositive(Utils.murmur2(k.getBytes(StandardCharsets.UTF_8))) % 3));
        assertThat(partitions).as("the keys cover every partition of news.clean").hasSize(3);
        Map<String, String> conf = Map.of(
                "inference.max-poll-records", "20",
                "inference.pipeline.depth", "3", // several polls in flight to lose
                "inference.models.news-sentiment.batch-size", "8");
        int n = 420;
        try (KafkaSupport k = new KafkaSupport(dir)) {
            InferenceService a = new InferenceService(k.context(dir.resolve("data"), conf, null));
            InferenceService b = new InferenceService(k.context(dir.resolve("data"), conf, null));
            InferenceService c = new InferenceService(k.context(dir.resolve("data"), conf, null));
            Map<String, String> other = new HashMap<>(conf);
            other.put("inference.transactional-id", "inference-2");
            InferenceService d = new InferenceService(k.context(dir.resolve("data"), other, null));
            try {
                a.start();
                produce(k, keys, 0, 140);
                k.readUntil(Topics.NEWS_SCORED, l -> l.size() >= 30, Duration.ofSeconds(120));

                // scale out: a second instance joins the group while a has polls in flight (rebalance)
                d.start();
                produce(k, keys, 140, 200);
                k.readUntil(Topics.NEWS_SCORED, l -> l.size() >= 120, Duration.ofSeconds(120));

                // same transactional id and group: b fences a's producer and takes a share of the partitions
                b.start();
                produce(k, keys, 200, 280);
                await(() -> !a.loop().alive(), Duration.ofSeconds(120));
                assertThat(a.loop().fatal()).as("a was fenced, not stopped").isNotNull();

                k.readUntil(Topics.NEWS_SCORED, l -> l.size() >= 180, Duration.ofSeconds(120));
                b.close(); // stopped with polls in flight: they were never produced
                d.close();
                produce(k, keys, 280, n);
                c.start();
                k.readUntil(Topics.NEWS_SCORED, l -> l.size() >= n, Duration.ofSeconds(180));
                await(() -> c.loop().lag() == 0, Duration.ofSeconds(60)); // nothing left that could add a duplicate
                assertThat(c.loop().alive()).isTrue();
            } finally {
                a.close();
                b.close();
                c.close();
                d.close();
            }
            List<ConsumerRecord<String, ScoredNewsArticle>> out = k.readUntil(Topics.NEWS_SCORED, l -> l.size() > n,
                    Duration.ofSeconds(5)); // reads to the end and a little longer: catches late duplicates
            assertThat(out).hasSize(n);
            Set<String> ids = new HashSet<>();
            out.forEach(r -> assertThat(ids.add(r.value().id())).as("duplicate %s", r.value().id()).isTrue());
            Map<String, Integer> lastSeq = new HashMap<>();
            out.stream().sorted((x, y) -> Long.compare(x.offset(), y.offset())).forEach(r -> {
                int seq = Integer.parseInt(r.value().id().substring(r.value().id().lastIndexOf('-') + 1));
                Integer prev = lastSeq.put(r.key(), seq);
                if (prev != null) assertThat(seq).as("order of key %s", r.key()).isGreaterThan(prev);
            });
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void produce(KafkaSupport k, List<String> keys, int from, int to) {
        for (int i = from; i < to; i++) {
            String key = keys.get(i % keys.size());
            k.send(Topics.NEWS_CLEAN, key, Events.news("restart-" + key + "-" + i, key, "shares " + (i % 3 == 0 ? "soar" : "plunge") + " " + i));
        }
    }
}
