package io.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.inference.workload.ExplainWhen;
import io.vigil.inference.workload.Lease;
import io.vigil.inference.workload.ModelRegistry;
import io.vigil.inference.workload.Scored;
import io.vigil.inference.workload.WorkloadManager;
import io.vigil.models.DjlOffline;
import io.vigil.models.store.ModelStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work-load manager on real DJL/PyTorch models, no Kafka and no HTTP. */
class WorkloadManagerTest {

    @TempDir
    static Path root;
    static ModelStore store;
    private WorkloadManager wm;

    @BeforeAll
    static void models() {
        DjlOffline.ensure();
        store = new ModelStore(root.resolve("models"));
        TinyModels.installAll(store, "v1", 1);
        TinyModels.text(store, TinyModels.NEWS, "v2", TinyModels.SENTIMENT, 2);
    }

    private WorkloadManager manager(ModelSettings news) {
        Map<String, ModelSettings> s = Map.of(TinyModels.NEWS, news);
        ModelRegistry registry = new ModelRegistry(store, n -> s.getOrDefault(n, ModelSettings.defaults()).workers());
        wm = new WorkloadManager(registry, n -> s.getOrDefault(n, ModelSettings.defaults()), 3, (m, v, size, ns) -> { });
        wm.serve(TinyModels.NEWS, "v1");
        wm.serve(TinyModels.FRAUD, "v1");
        return wm;
    }

    @AfterEach
    void close() {
        if (wm != null) wm.close();
    }

    @Test
    void concurrentRequestsAreAggregatedIntoBatches() throws Exception {
        manager(ModelSettings.defaults().withBatching(16, 50, 1, 256));
        int callers = 64;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<List<Scored>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<CompletableFuture<List<Scored>>>> subs = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String text = "the market shares soar " + i;
                subs.add(pool.submit(() -> {
                    go.await();
                    return wm.submit(TinyModels.NEWS, List.of(text), ExplainWhen.NEVER);
                }));
            }
            go.countDown();
            for (var f : subs) results.add(f.get(30, TimeUnit.SECONDS));
        }
        for (var r : results) assertThat(r.get(60, TimeUnit.SECONDS)).singleElement()
                .satisfies(s -> assertThat(s.version()).isEqualTo("v1"));
        assertThat(wm.inputs(TinyModels.NEWS)).isEqualTo(callers);
        // 64 single-input requests on one worker: far fewer forward passes than requests
        assertThat(wm.batches(TinyModels.NEWS)).isLessThanOrEqualTo(callers / 2);
    }

    @Test
    void maxWaitFlushesAPartialBatch() throws Exception {
        manager(ModelSettings.defaults().withBatching(64, 100, 1, 16));
        List<CompletableFuture<List<Scored>>> f = new ArrayList<>();
        for (int i = 0; i < 3; i++) f.add(wm.submit(TinyModels.NEWS, List.of("shares plunge " + i), ExplainWhen.NEVER));
        for (var x : f) assertThat(x.get(30, TimeUnit.SECONDS)).hasSize(1);
        // three requests, batch size 64: one partial batch, sent when max-wait ran out
        assertThat(wm.batches(TinyModels.NEWS)).isEqualTo(1);
        assertThat(wm.inputs(TinyModels.NEWS)).isEqualTo(3);
    }

    @Test
    void fullQueueRejectsWithOverloaded() throws Exception {
        manager(ModelSettings.defaults().withBatching(8, 0, 1, 2));
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 300; i++) big.add("the quarter report noted steady shares " + i);
        // keeps the only worker busy for a while (explanations are an extra forward pass each)
        CompletableFuture<List<Scored>> busy = wm.submit(TinyModels.NEWS, big, ExplainWhen.ALWAYS);
        List<CompletableFuture<List<Scored>>> accepted = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < 4; i++) {
            try {
                accepted.add(wm.submit(TinyModels.NEWS, List.of("stock soar " + i), ExplainWhen.NEVER));
            } catch (InferenceException.Overloaded e) {
                assertThat(e.status()).isEqualTo(503);
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThanOrEqualTo(1);
        assertThat(busy.get(300, TimeUnit.SECONDS)).hasSize(big.size());
        for (var a : accepted) assertThat(a.get(60, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void badInputAndUnknownModelAreTyped() {
        manager(ModelSettings.defaults());
        assertThatThrownBy(() -> wm.submit("nope", List.of("x"), ExplainWhen.NEVER))
                .isInstanceOf(InferenceException.ModelNotFound.class).extracting("status").isEqualTo(404);
        assertThatThrownBy(() -> wm.submit(TinyModels.NEWS, List.of("  "), ExplainWhen.NEVER))
                .isInstanceOf(InferenceException.BadInput.class).hasMessageContaining("inputs[0]");
        assertThatThrownBy(() -> wm.submit(TinyModels.NEWS, List.of(new float[3]), ExplainWhen.NEVER))
                .isInstanceOf(InferenceException.BadInput.class).hasMessageContaining("must be text");
        assertThatThrownBy(() -> wm.submit(TinyModels.FRAUD, List.of(new float[3]), ExplainWhen.NEVER))
                .isInstanceOf(InferenceException.BadInput.class).hasMessageContaining("features");
        assertThatThrownBy(() -> wm.submit(TinyModels.NEWS, List.of(), ExplainWhen.NEVER))
                .isInstanceOf(InferenceException.BadInput.class);
    }

    @Test
    void swapUnderLoadScoresEveryRequestOnceWithOneVersionPerBatch() throws Exception {
        manager(ModelSettings.defaults().withBatching(8, 2, 2, 1024));
        Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
        List<CompletableFuture<List<Scored>>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(wm.submitWaiting(TinyModels.NEWS, List.of("soar " + i, "plunge " + i), ExplainWhen.NEVER));
            if (i == 100) wm.registry().swap(TinyModels.NEWS, "v2");
        }
        for (var f : all) {
            List<Scored> r = f.get(60, TimeUnit.SECONDS);
            assertThat(r).hasSize(2);
            // both inputs of a request share its batch, so they share one version
            assertThat(r.get(0).version()).isEqualTo(r.get(1).version());
            byVersion.computeIfAbsent(r.get(0).version(), v -> new AtomicInteger()).incrementAndGet();
        }
        assertThat(byVersion.keySet()).contains("v2");
        assertThat(byVersion.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(200);
        assertThat(wm.registry().version(TinyModels.NEWS)).isEqualTo("v2");
    }

    @Test
    void aLeasedSubmissionIsScoredByItsVersionAfterASwap() throws Exception {
        manager(ModelSettings.defaults().withBatching(8, 0, 1, 1024));
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 300; i++) big.add("the quarter report noted steady shares " + i);
        CompletableFuture<List<Scored>> busy = wm.submit(TinyModels.NEWS, big, ExplainWhen.ALWAYS); // occupies the worker
        CompletableFuture<List<Scored>> pinned;
        try (Lease lease = wm.registry().lease(TinyModels.NEWS)) {
            assertThat(lease.version()).isEqualTo("v1");
            pinned = wm.submitWaiting(lease, List.of("shares soar", "shares plunge", "stock steady"), ExplainWhen.NEVER);
        }
        assertThat(wm.queued(TinyModels.NEWS)).as("the leased job still waits for the worker").isGreaterThanOrEqualTo(1);
        wm.registry().swap(TinyModels.NEWS, "v2"); // v1 is retired but stays open for the queued job
        CompletableFuture<List<Scored>> after = wm.submitWaiting(TinyModels.NEWS, List.of("stock soar"), ExplainWhen.NEVER);
        assertThat(pinned.get(300, TimeUnit.SECONDS)).hasSize(3).allSatisfy(r -> assertThat(r.version()).isEqualTo("v1"));
        assertThat(after.get(60, TimeUnit.SECONDS)).singleElement().satisfies(r -> assertThat(r.version()).isEqualTo("v2"));
        assertThat(busy.get(300, TimeUnit.SECONDS)).hasSize(big.size());
        // a new lease pins the new live version
        try (Lease lease = wm.registry().lease(TinyModels.NEWS)) {
            assertThat(lease.version()).isEqualTo("v2");
        }
    }
}
