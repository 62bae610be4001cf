package io.vigil.feedback;

import io.vigil.feedback.tuning.FineTuner;
import io.vigil.feedback.tuning.FraudReplay;
import io.vigil.feedback.tuning.NoteRiskReplay;
import io.vigil.feedback.tuning.ModelRegistry;
import io.vigil.feedback.tuning.ReplaySource;
import io.vigil.feedback.tuning.SentimentReplay;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback service: review queues rebuilt from {@code review.items} + {@code feedback.corrections},
 * the analyst/admin API and UI on {@code ctx.http()}, and the fine-tune scheduler with its promotion gate.
 * State: {@code <data-dir>/state/feedback} (frozen holdouts, fine-tune counters); models: {@code feedback.models-dir}
 * or {@code <data-dir>/models}. Health checks {@code feedback-log}, {@code feedback-models}; meters {@code vigil.feedback.*}.
 */
public final class FeedbackService implements Service {

    private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);

    private final ServiceContext ctx;
    private final FeedbackSettings settings;
    private final ApiKeys keys;
    private final ReviewQueues queues;
    private final ModelRegistry registry;
    private final FineTuner tuner;
    private final FeedbackMeters meters;
    private final KillSwitches switches = new KillSwitches();
    private final MonitorReadings readings = new MonitorReadings();
    private Publisher publisher;
    private FeedbackLog feedbackLog;
    private FineTuneJobs jobs;
    private boolean started;
    private boolean closed;

    /** Reads and checks {@code feedback.*} now, so a bad configuration fails before anything starts. */
    public FeedbackService(ServiceContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.config().bind("feedback", FeedbackSettings.class);
        this.keys = new ApiKeys(settings.apiKeys());
        this.queues = new ReviewQueues(settings.review().secondReviewFraction(),
                new ExampleArchive(ctx.stateDir("feedback").resolve("examples.jsonl")));
        Path models = settings.modelsDir().isEmpty() ? ctx.dataDir().resolve("models") : Path.of(settings.modelsDir());
        this.registry = new ModelRegistry(new ModelStore(models));
        Path state = ctx.stateDir("feedback");
        Map<String, ReplaySource<?>> sources = new LinkedHashMap<>();
        Path data = Path.of(settings.trainingDataDir());
        SentimentReplay sentiment = new SentimentReplay(data, state, settings.fineTune().holdoutFraction(), settings.fineTune().holdoutSize());
        if (sentiment.available()) sources.put(sentiment.model(), sentiment);
        else log.warn("No replay data under {}: news-sentiment will not be fine-tuned", data);
        FraudReplay fraud = new FraudReplay(data, state);
        if (fraud.available()) sources.put(fraud.model(), fraud);
        else log.warn("No replay data under {}: transaction-fraud will not be fine-tuned", data);
        NoteRiskReplay notes = new NoteRiskReplay(data, state);
        if (notes.available()) sources.put(notes.model(), notes);
        else log.warn("No replay data under {}: note-risk will not be fine-tuned", data);
        this.tuner = new FineTuner(registry, sources, settings.fineTune(), settings.gate(), data, readings);
        this.meters = new FeedbackMeters(ctx.metrics(), queues);
    }

    @Override
    public String name() {
        return "feedback";
    }

    public ReviewQueues queues() {
        return queues;
    }

    public ModelRegistry registry() {
        return registry;
    }

    public MonitorReadings monitorReadings() {
        return readings;
    }

    public KillSwitches killSwitches() {
        return switches;
    }

    /** True once the queues hold everything the topics held at start. */
    public boolean ready() {
        return feedbackLog != null && feedbackLog.caughtUp();
    }

    @Override
    public synchronized void start() {
        if (started) return;
        started = true;
        int copied = BundledModels.install(registry.store());
        registry.pinCurrent();
        publisher = new Publisher(ctx.kafka(), switches);
        jobs = new FineTuneJobs(settings.fineTune(), queues, tuner, registry, publisher, meters, ctx.stateDir("feedback"));
        feedbackLog = new FeedbackLog(ctx.kafka(), queues, switches, readings, jobs::nudge);
        feedbackLog.start();
        jobs.start();
        if (ctx.http() != null) new FeedbackApi(settings, keys, queues, publisher, registry, tuner, jobs, meters, switches, readings).mount(ctx.http());
        else log.warn("No HTTP front: the feedback API and UI are not served");
        ctx.health().register("feedback-log", () -> feedbackLog.running()
                ? (feedbackLog.caughtUp() ? Health.Status.up("backlog " + queues.backlog()) : Health.Status.up("rebuilding queues"))
                : Health.Status.down(feedbackLog.failure() == null ? "stopped" : feedbackLog.failure()));
        ctx.health().register("feedback-models", () -> Health.Status.up(registry.store().models() + " in " + registry.store().root()));
        if (keys.size() == 0) log.warn("feedback.api-keys is empty: every API call will be refused (401)");
        log.info("Feedback service started: {} API key(s), models {} ({} bundled files installed), fine-tune {}",
                keys.size(), registry.store().root(), copied, settings.fineTune().enabled() ? "automatic" : "on request only");
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (feedbackLog != null) feedbackLog.close();
        if (jobs != null) jobs.close();
        if (publisher != null) publisher.close();
        ctx.health().unregister("feedback-log");
        ctx.health().unregister("feedback-models");
    }
}
