package io.vigil.inference;

import ai.djl.engine.Engine;
import io.vigil.inference.http.ScoreEndpoint;
import io.vigil.inference.stream.LoopProfile;
import io.vigil.inference.stream.ReleaseWatcher;
import io.vigil.inference.stream.ScoringLoop;
import io.vigil.inference.workload.ModelRegistry;
import io.vigil.inference.workload.WorkloadManager;
import io.vigil.models.DjlOffline;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.events.ModelRelease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference service: loads the served models from the model store (installing the bundled defaults
 * into an empty store), starts their work-load pools, the exactly-once scoring loop, the release watcher
 * (hot swap) and {@code POST /v1/score/{model}}; registers health and meters.
 */
public final class InferenceService implements Service {

    private static final Logger log = LoggerFactory.getLogger(InferenceService.class);

    private final ServiceContext ctx;
    private final InferenceSettings settings;
    private final InferenceMetrics metrics;
    private WorkloadManager workload;
    private ReleaseWatcher releases;
    private final List<ScoringLoop> loops = new ArrayList<>();
    private boolean closed;

    public InferenceService(ServiceContext ctx) {
        this(ctx, ctx.config().bind("inference", InferenceSettings.class));
    }

    /** With explicit settings (tests, the bench). */
    public InferenceService(ServiceContext ctx, InferenceSettings settings) {
        this.ctx = ctx;
        this.settings = settings;
        this.metrics = new InferenceMetrics(ctx.metrics());
    }

    @Override
    public String name() {
        return "inference";
    }

    public WorkloadManager workload() {
        return workload;
    }

    /** The first scoring loop (the only one unless {@code inference.pipeline.loops} > 1). */
    public ScoringLoop loop() {
        return loops.isEmpty() ? null : loops.getFirst();
    }

    public List<ScoringLoop> loops() {
        return List.copyOf(loops);
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled()) {
            log.info("inference is disabled (inference.enabled=false)");
            return;
        }
        DjlOffline.ensure();
        ModelStore store = new ModelStore(settings.modelsRoot(ctx.dataDir()));
        if (store.models().isEmpty()) {
            int n = BundledModels.install(store);
            log.info("model store {} was empty: installed {} bundled files", store.root(), n);
        }
        log.info("DJL engine {} {}, default device {}", Engine.getInstance().getEngineName(),
                Engine.getInstance().getVersion(), Engine.getInstance().defaultDevice());
        ModelRegistry registry = new ModelRegistry(store, name -> settings.model(name).workers());
        workload = new WorkloadManager(registry, settings::model, settings.explainTopK(), metrics::batch);
        registry.onSwap(metrics::swap);

        releases = new ReleaseWatcher(ctx.kafka().consumer("inference-releases", settings.groupId() + "-releases"), registry);
        Map<String, ModelRelease> released = releases.catchUp(Duration.ofSeconds(30));
        Set<String> served = new LinkedHashSet<>(settings.domains().values());
        for (String model : served) {
            String version = initialVersion(store, model, released.get(model));
            if (version == null) {
                log.warn("model {} is not in the store {}: its domain is not scored", model, store.root());
                continue;
            }
            workload.serve(model, releases.killed(model) ? io.vigil.models.rules.RulesModels.VERSION : version);
        }
        ScoreEndpoint endpoint = new ScoreEndpoint(workload, settings.httpMaxInputs(), settings.scoringTimeoutMs());
        if (ctx.http() != null) endpoint.mount(ctx.http());

        ReviewSelector review = new ReviewSelector(settings.review());
        LoopProfile profile = new LoopProfile(); // shared: the bench and logs read one sum
        for (int i = 0; i < settings.pipeline().loops(); i++) {
            String suffix = settings.pipeline().loops() == 1 ? "" : "-" + i;
            loops.add(new ScoringLoop(ctx.kafka().consumer("inference" + suffix, settings.groupId()),
                    ctx.kafka().transactionalProducer("inference" + suffix, settings.transactionalId(i)),
                    settings, workload, i == 0 ? releases : null, review, metrics, profile, "inference-loop" + suffix).start());
        }
        registerHealth(ctx.health());
    }

    /** The latest release wins over the store's CURRENT (it may not have been applied before a restart). */
    private static String initialVersion(ModelStore store, String model, ModelRelease release) {
        if (release != null) {
            try {
                ReleaseWatcher.resolve(store, release);
                return release.modelVersion();
            } catch (RuntimeException e) {
                log.error("latest release {} of {} cannot be resolved ({}); using the store's current", release.modelVersion(), model, e.toString());
            }
        }
        return store.current(model).orElse(null);
    }

    private void registerHealth(Health health) {
        health.register("inference-models", () -> workload.registry().names().isEmpty()
                ? Health.Status.down("no model loaded")
                : Health.Status.up(String.join(", ", workload.registry().names().stream()
                        .map(n -> n + "@" + workload.registry().version(n)).toList())));
        health.register("inference-loop", () -> {
            for (ScoringLoop l : loops) if (!l.alive()) return Health.Status.down("scoring loop stopped: " + l.fatal());
            long lag = loops.stream().mapToLong(ScoringLoop::lag).sum();
            long since = loops.stream().mapToLong(ScoringLoop::millisSinceLastPoll).max().orElse(0);
            return Health.Status.up("lag " + lag + " records; last poll " + since + " ms ago");
        });
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        ctx.health().unregister("inference-models");
        ctx.health().unregister("inference-loop");
        loops.forEach(ScoringLoop::close); // each stops at a transaction boundary
        if (releases != null) releases.close();
        if (workload != null) workload.close();
    }
}
