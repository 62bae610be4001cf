package io.vigil.feedback;

import io.vigil.feedback.tuning.FineTuner;
import io.vigil.feedback.tuning.ModelRegistry;
import io.vigil.topics.events.AuditOutcome;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ReleaseAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to fine-tune and runs the fine-tunes, one at a time on one thread: every N corrections of
 * a model, or every T minutes when at least M wait, or when an admin asks. "Waiting" = corrections since
 * the last fine-tune, counted from {@code <stateDir>/finetune-state.json} (kept across restarts).
 */
final class FineTuneJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FineTuneJobs.class);

    /** A requested fine-tune and how it ended. */
    static final class Job {
        final String id = "ft-" + UUID.randomUUID();
        final String model;
        final String trigger;
        final String actor;
        final Instant queuedAt = Instant.now();
        volatile String status = "queued";
        volatile String version;
        volatile String why;
        volatile Instant finishedAt;
        volatile Long millis;

        Job(String model, String trigger, String actor) {
            this.model = model;
            this.trigger = trigger;
            this.actor = actor;
        }

        Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("model", model);
            m.put("trigger", trigger);
            m.put("actor", actor);
            m.put("status", status);
            m.put("queuedAt", queuedAt.toString());
            m.put("version", version);
            m.put("why", why);
            m.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
            m.put("millis", millis);
            return m;
        }

        boolean done() {
            return finishedAt != null;
        }
    }

    private final FeedbackSettings.FineTune settings;
    private final ReviewQueues queues;
    private final FineTuner tuner;
    private final ModelRegistry registry;
    private final Publisher publisher;
    private final FeedbackMeters meters;
    private final Path stateFile;
    private final ScheduledExecutorService exec;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private final List<Job> jobs = new ArrayList<>();
    private final Instant started = Instant.now();

    FineTuneJobs(FeedbackSettings.FineTune settings, ReviewQueues queues, FineTuner tuner, ModelRegistry registry,
                 Publisher publisher, FeedbackMeters meters, Path stateDir) {
        this.settings = settings;
        this.queues = queues;
        this.tuner = tuner;
        this.registry = registry;
        this.publisher = publisher;
        this.meters = meters;
        this.stateFile = stateDir.resolve("finetune-state.json");
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("feedback-finetune").daemon().unstarted(r));
        load();
    }

    void start() {
        if (settings.enabled()) exec.scheduleWithFixedDelay(this::checkSafely, settings.checkSeconds(), settings.checkSeconds(), TimeUnit.SECONDS);
    }

    /** Called after each correction so the N-th one starts a fine-tune at once rather than at the next tick. */
    void nudge() {
        if (settings.enabled()) exec.execute(this::checkSafely);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Fine-tune trigger check failed: {}", e.toString());
        }
    }

    private void check() {
        for (String model : queues.correctedModels()) {
            if (!tuner.supports(model) || pendingJob(model).isPresent()) continue;
            long waiting = waiting(model);
            Instant last = lastRun.getOrDefault(model, started);
            if (waiting >= settings.everyCorrections()) {
                submit(model, "fine-tune:every-" + settings.everyCorrections() + "-corrections", "feedback-scheduler");
            } else if (waiting >= settings.minWaiting()
                    && Duration.between(last, Instant.now()).toMinutes() >= settings.everyMinutes()) {
                submit(model, "fine-tune:every-" + settings.everyMinutes() + "-minutes", "feedback-scheduler");
            }
        }
    }

    long waiting(String model) {
        return queues.correctionCount(model) - seen.getOrDefault(model, 0L);
    }

    synchronized Optional<Job> pendingJob(String model) {
        return jobs.stream().filter(j -> j.model.equals(model) && !j.done()).findFirst();
    }

    /** Queues a fine-tune (or returns the one already waiting for that model). */
    synchronized Job submit(String model, String trigger, String actor) {
        Optional<Job> pending = pendingJob(model);
        if (pending.isPresent()) return pending.get();
        Job job = new Job(model, trigger, actor);
        jobs.add(job);
        exec.execute(() -> run(job));
        return job;
    }

    synchronized List<Map<String, Object>> jobs(String model) {
        return jobs.stream().filter(j -> j.model.equals(model)).map(Job::view).toList();
    }

    private void run(Job job) {
        job.status = "running";
        long count = queues.correctionCount(job.model);
        try {
            FineTuner.Result r = tuner.run(job.model, queues.trainingExamples(job.model), job.trigger);
            job.version = r.version();
            job.why = r.decision().summary();
            job.status = r.promoted() ? "promoted" : "rejected";
            Map<String, String> details = new LinkedHashMap<>();
            details.put("trigger", job.trigger);
            details.put("decision", job.status);
            details.put("why", job.why);
            details.put("parentVersion", r.parentVersion());
            details.put("job", job.id);
            publisher.audit(job.actor, "system".equals(job.actor) || job.actor.startsWith("feedback-") ? "service" : "admin",
                    "model.fine-tune", job.model, r.version(), AuditOutcome.OK, details);
            if (r.promoted()) {
                publisher.release(new ModelRelease("release-" + job.model + "-" + r.version() + "-promote", Instant.now(),
                        Publisher.SOURCE, 1, job.model, r.version(), r.parentVersion(), ReleaseAction.PROMOTE,
                        r.location().toAbsolutePath().toString(), releaseMetrics(r), job.why, job.actor));
                publisher.audit(job.actor, "service", "model.promote", job.model, r.version(), AuditOutcome.OK,
                        Map.of("parentVersion", r.parentVersion(), "location", r.location().toAbsolutePath().toString()));
            }
            meters.fineTune(job.model, job.status);
        } catch (RuntimeException e) {
            job.status = "failed";
            job.why = e.getMessage();
            meters.fineTune(job.model, "failed");
            log.error("Fine-tune of {} failed", job.model, e);
            try {
                publisher.audit(job.actor, "service", "model.fine-tune", job.model, null, AuditOutcome.ERROR,
                        Map.of("trigger", job.trigger, "error", String.valueOf(e.getMessage())));
            } catch (RuntimeException ignored) {
                // the failure is logged above
            }
        } finally {
            seen.put(job.model, count);
            lastRun.put(job.model, Instant.now());
            job.millis = Duration.between(job.queuedAt, Instant.now()).toMillis();
            job.finishedAt = Instant.now();
            save();
        }
    }

    static Map<String, Double> releaseMetrics(FineTuner.Result r) {
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, "holdoutAccuracy", r.candidate().holdoutAccuracy());
        put(m, "holdoutMacroF1", r.candidate().holdoutMacroF1());
        put(m, "holdoutAuprc", r.candidate().holdoutAuprc());
        put(m, "correctionsAccuracy", r.candidate().correctionsAccuracy());
        put(m, "championHoldoutAccuracy", r.champion().holdoutAccuracy());
        put(m, "championCorrectionsAccuracy", r.champion().correctionsAccuracy());
        m.put("heldOutCorrections", (double) r.candidate().correctionsN());
        return m;
    }

    private static void put(Map<String, Double> m, String k, double v) {
        if (!Double.isNaN(v)) m.put(k, Math.round(v * 1e4) / 1e4);
    }

    @SuppressWarnings("unchecked")
    private void load() {
        if (!Files.isRegularFile(stateFile)) return;
        Map<String, Object> m = io.vigil.models.Json.read(stateFile, Map.class);
        ((Map<String, Number>) m.getOrDefault("seen", Map.of())).forEach((k, v) -> seen.put(k, v.longValue()));
        ((Map<String, String>) m.getOrDefault("lastRun", Map.of())).forEach((k, v) -> lastRun.put(k, Instant.parse(v)));
    }

    private synchronized void save() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seen", new LinkedHashMap<>(seen));
        Map<String, String> lr = new LinkedHashMap<>();
        lastRun.forEach((k, v) -> lr.put(k, v.toString()));
        m.put("lastRun", lr);
        io.vigil.models.Json.write(stateFile, m);
    }

    @Override
    public void close() {
        exec.shutdownNow();
        try {
            exec.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
