package io.vigil.feedback;

import io.vigil.feedback.tuning.FineTuner;
import io.vigil.feedback.tuning.ModelRegistry;
import io.vigil.models.rules.RulesModels;
import io.vigil.platform.http.ApiException;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.http.Request;
import io.vigil.platform.http.Response;
import io.vigil.topics.events.Attribution;
import io.vigil.topics.events.AuditOutcome;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ReleaseAction;
import io.vigil.topics.events.ReviewItem;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The analyst and admin HTTP API and the web UI, mounted on the process's {@link HttpApi}. */
final class FeedbackApi {

    /** Body of POST /v1/review/{itemId}/correction. */
    record CorrectionRequest(String label, String comment, Map<String, String> groups) {}

    /** Body of POST /v1/models/{model}/rollback. */
    record RollbackRequest(String version, String reason) {}

    /** Body of POST /v1/models/{model}/kill and /restore. */
    record SwitchRequest(String reason) {}

    private static final Set<Role> REVIEWERS = Set.of(Role.ANALYST, Role.ADMIN);
    private static final Set<Role> READERS = Set.of(Role.ANALYST, Role.ADMIN, Role.SERVICE);
    private static final Set<Role> ADMINS = Set.of(Role.ADMIN);

    private final FeedbackSettings settings;
    private final ApiKeys keys;
    private final ReviewQueues queues;
    private final Publisher publisher;
    private final ModelRegistry registry;
    private final FineTuner tuner;
    private final FineTuneJobs jobs;
    private final FeedbackMeters meters;
    private final KillSwitches switches;
    private final MonitorReadings readings;

    FeedbackApi(FeedbackSettings settings, ApiKeys keys, ReviewQueues queues, Publisher publisher, ModelRegistry registry,
                FineTuner tuner, FineTuneJobs jobs, FeedbackMeters meters, KillSwitches switches,
                MonitorReadings readings) {
        this.switches = switches;
        this.readings = readings;
        this.settings = settings;
        this.keys = keys;
        this.queues = queues;
        this.publisher = publisher;
        this.registry = registry;
        this.tuner = tuner;
        this.jobs = jobs;
        this.meters = meters;
    }

    void mount(HttpApi http) {
        http.get("/v1/review/{domain}", this::queue);
        http.post("/v1/review/{itemId}/correction", this::correct);
        http.post("/v1/review/{itemId}/skip", this::skip);
        http.get("/v1/events/{eventId}/history", this::history);
        http.get("/v1/agreement", this::agreement);
        http.post("/v1/models/{model}/fine-tune", this::fineTune);
        http.get("/v1/models/{model}/fine-tunes", this::fineTunes);
        http.post("/v1/models/{model}/rollback", this::rollback);
        http.get("/v1/models/{model}/versions", this::versions);
        http.get("/v1/models", this::models);
        http.post("/v1/models/{model}/kill", r -> killSwitch(r, true));
        http.post("/v1/models/{model}/restore", r -> killSwitch(r, false));
        http.get("/ui", r -> Response.bytes(200, "text/html; charset=utf-8", page()));
    }

    /** 401 without a valid key; 403 (audited) when the key's role may not do this. */
    private Principal require(Request req, Set<Role> allowed, String action, String target) {
        Principal p = keys.authenticate(req);
        if (!allowed.contains(p.role())) {
            publisher.audit(p, action, target, null, AuditOutcome.DENIED, Map.of("reason", "role " + p.role().wire()));
            throw ApiException.forbidden("role '" + p.role().wire() + "' may not " + action + "; needs " +
                    allowed.stream().map(Role::wire).sorted().toList());
        }
        return p;
    }

    private Response queue(Request req) {
        Domain domain = domain(req.pathParam("domain"));
        Principal p = require(req, REVIEWERS, "review.list", domain.wire());
        int limit = req.intQueryParam("limit", settings.review().defaultLimit());
        if (limit < 1 || limit > settings.review().maxLimit())
            throw ApiException.badRequest("query parameter 'limit' must be between 1 and " + settings.review().maxLimit());
        List<ReviewItem> items = queues.next(domain, p.name(), limit);
        publisher.audit(p, "review.list", domain.wire(), null, AuditOutcome.OK, Map.of("items", String.valueOf(items.size())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain.wire());
        body.put("backlog", queues.backlog().get(domain));
        body.put("items", items.stream().map(i -> view(i, registry)).toList());
        return Response.ok(body);
    }

    static Domain domain(String s) {
        return Arrays.stream(Domain.values()).filter(d -> d.wire().equals(s)).findFirst().orElseThrow(() ->
                ApiException.badRequest("path parameter 'domain' must be one of news, transactions, notes"));
    }

    /** An item as the UI needs it: highlight spans (valid offsets only) and the labels it may get. */
    static Map<String, Object> view(ReviewItem i, ModelRegistry registry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("itemId", i.id());
        m.put("eventId", i.eventId());
        m.put("domain", i.domain().wire());
        m.put("reason", i.reason().wire());
        m.put("priority", i.priority());
        m.put("model", i.model());
        m.put("modelVersion", i.modelVersion());
        m.put("label", i.label());
        m.put("score", i.score());
        m.put("probabilities", i.probabilities());
        m.put("labels", labels(i, registry));
        m.put("text", i.text());
        m.put("features", i.features());
        m.put("explanation", i.explanation());
        List<Map<String, Object>> spans = new ArrayList<>();
        int len = i.text() == null ? 0 : i.text().length();
        for (Attribution a : i.explanation()) {
            if (a.start() == null || a.end() == null || a.end() > len || a.start() >= a.end()) continue;
            spans.add(Map.of("start", a.start(), "end", a.end(), "weight", a.weight(), "feature", a.feature()));
        }
        m.put("highlights", spans);
        return m;
    }

    static List<String> labels(ReviewItem i, ModelRegistry registry) {
        if (!i.probabilities().isEmpty()) return i.probabilities().keySet().stream().sorted().toList();
        return registry.labels(i.model()).orElse(List.of());
    }

    private Response correct(Request req) {
        String itemId = req.pathParam("itemId");
        Principal p = require(req, REVIEWERS, "review.correct", itemId);
        CorrectionRequest body = req.json(CorrectionRequest.class);
        if (body.label() == null || body.label().isBlank()) throw ApiException.badRequest("field 'label': is required");
        if (body.comment() != null && body.comment().length() > 2000) throw ApiException.badRequest("field 'comment': at most 2000 characters");
        ReviewItem item = queues.item(itemId).orElseThrow(() -> ApiException.notFound("no review item " + itemId));
        List<String> allowed = labels(item, registry);
        String label = body.label().strip();
        if (!allowed.isEmpty() && !allowed.contains(label))
            throw ApiException.badRequest("field 'label': must be one of " + allowed);
        queues.refusal(itemId, p.name()).ifPresent(why -> {
            throw ApiException.conflict(why);
        });
        Correction c = new Correction(correctionId(itemId, p.name()), Instant.now(), Publisher.SOURCE, 1, item.domain(),
                item.eventId(), item.model(), item.modelVersion(), item.label(), label, p.name(),
                body.comment(), itemId, body.groups());
        publisher.correction(c);
        queues.apply(c);
        meters.correction(item.domain());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("originalLabel", item.label());
        details.put("correctedLabel", label);
        details.put("model", item.model());
        details.put("reviewItemId", itemId);
        publisher.audit(p, "review.correct", item.eventId(), item.modelVersion(), AuditOutcome.OK, details);
        jobs.nudge();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("correctionId", c.id());
        out.put("eventId", c.eventId());
        out.put("label", label);
        out.put("stillOpen", queues.isOpen(itemId));
        return Response.json(201, out);
    }

    static String correctionId(String itemId, String analyst) {
        String id = "corr-" + itemId + "-" + analyst.replaceAll("[^A-Za-z0-9._-]", "_");
        return id.length() <= 200 ? id : id.substring(0, 200);
    }

    private Response skip(Request req) {
        String itemId = req.pathParam("itemId");
        Principal p = require(req, REVIEWERS, "review.skip", itemId);
        ReviewItem item = queues.item(itemId).orElseThrow(() -> ApiException.notFound("no review item " + itemId));
        queues.skip(itemId, p.name());
        publisher.audit(p, "review.skip", item.eventId(), item.modelVersion(), AuditOutcome.OK, Map.of("reviewItemId", itemId));
        return Response.ok(Map.of("itemId", itemId, "skipped", true));
    }

    private Response history(Request req) {
        String eventId = req.pathParam("eventId");
        Principal p = require(req, READERS, "event.history", eventId);
        Map<String, Object> h = queues.history(eventId);
        if (((List<?>) h.get("reviewItems")).isEmpty() && ((List<?>) h.get("corrections")).isEmpty())
            throw ApiException.notFound("no review history for event " + eventId);
        publisher.audit(p, "event.history", eventId, null, AuditOutcome.OK, null);
        return Response.ok(h);
    }

    private Response agreement(Request req) {
        require(req, READERS, "review.agreement", null);
        Map<String, Object> out = new LinkedHashMap<>(Agreement.report(queues.corrections()));
        out.put("secondReviewFraction", settings.review().secondReviewFraction());
        return Response.ok(out);
    }

    private Response fineTune(Request req) {
        String model = req.pathParam("model");
        Principal p = require(req, ADMINS, "model.fine-tune", model);
        knownModel(model);
        tuner.refusal(model).ifPresent(why -> {
            throw ApiException.conflict("fine-tuning is not supported for " + model + ": " + why);
        });
        FineTuneJobs.Job job = jobs.submit(model, "fine-tune:admin", p.name());
        publisher.audit(p, "model.fine-tune.request", model, registry.current(model).orElse(null), AuditOutcome.OK, Map.of("job", job.id));
        return Response.json(202, job.view());
    }

    private Response fineTunes(Request req) {
        String model = req.pathParam("model");
        require(req, READERS, "model.fine-tunes", model);
        knownModel(model);
        return Response.ok(Map.of("model", model, "jobs", jobs.jobs(model), "waitingCorrections", jobs.waiting(model)));
    }

    private Response rollback(Request req) {
        String model = req.pathParam("model");
        Principal p = require(req, ADMINS, "model.rollback", model);
        RollbackRequest body = req.json(RollbackRequest.class);
        if (body.version() == null || body.version().isBlank()) throw ApiException.badRequest("field 'version': is required");
        knownModel(model);
        String version = body.version().strip();
        if (!registry.hasVersion(model, version)) throw ApiException.notFound("no accepted version " + version + " of " + model);
        String from = registry.current(model).orElse(null);
        if (version.equals(from)) throw ApiException.conflict(version + " is already the current version of " + model);
        registry.setCurrent(model, version);
        String reason = body.reason() == null || body.reason().isBlank() ? "rollback by " + p.name() : body.reason().strip();
        publisher.release(new ModelRelease("release-" + model + "-" + version + "-rollback-" + System.currentTimeMillis(),
                Instant.now(), Publisher.SOURCE, 1, model, version, from, ReleaseAction.ROLLBACK,
                registry.store().dir(model, version).toAbsolutePath().toString(), null, reason, p.name()));
        // the version reinstated records why: the drift and fairness the stream reported for the one it replaces
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("at", Instant.now().toString());
        entry.put("from", from);
        entry.put("reason", reason);
        entry.put("actor", p.name());
        entry.put("monitors", from == null ? null : readings.snapshot(model, from));
        registry.recordRollback(model, version, entry);
        publisher.audit(p, "model.rollback", model, version, AuditOutcome.OK, Map.of("from", String.valueOf(from)));
        meters.rollback(model);
        return Response.ok(Map.of("model", model, "current", version, "previous", String.valueOf(from)));
    }

    private Response versions(Request req) {
        String model = req.pathParam("model");
        require(req, READERS, "model.versions", model);
        knownModel(model);
        return Response.ok(registry.describe(model));
    }

    /** Every model in the store: current version, kill switch, counts of accepted and rejected versions. */
    private Response models(Request req) {
        require(req, READERS, "model.list", null);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String m : registry.store().models()) {
            Map<String, Object> d = registry.describe(m);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("model", m);
            e.put("current", d.get("current"));
            e.put("versions", ((List<?>) d.get("versions")).size());
            e.put("rejected", ((List<?>) d.get("rejected")).size());
            e.put("killed", switches.killed(m));
            switches.kill(m).ifPresent(k -> e.put("kill", Map.of("actor", k.actor(), "at", k.eventTime().toString(),
                    "reason", String.valueOf(k.reason()))));
            e.put("rulesFallback", RulesModels.models().contains(m));
            e.put("fineTune", tuner.refusal(m).orElse("supported"));
            out.add(e);
        }
        return Response.ok(Map.of("models", out));
    }

    /**
     * The kill switch: {@code kill} makes inference score the model with its documented rules (every event then
     * says mode=rules, version "rules") until {@code restore}. Both need a reason, are published on
     * models.releases carrying the champion's version and location, and are audited.
     */
    private Response killSwitch(Request req, boolean kill) {
        String model = req.pathParam("model");
        String action = kill ? "model.kill" : "model.restore";
        Principal p = require(req, ADMINS, action, model);
        SwitchRequest body = req.json(SwitchRequest.class);
        if (body == null || body.reason() == null || body.reason().isBlank()) throw ApiException.badRequest("field 'reason': is required");
        if (body.reason().length() > 2000) throw ApiException.badRequest("field 'reason': at most 2000 characters");
        knownModel(model);
        if (!RulesModels.models().contains(model)) throw ApiException.conflict(model + " has no rules fallback; known: " + RulesModels.models());
        if (kill == switches.killed(model))
            throw ApiException.conflict("the kill switch of " + model + " is already " + (kill ? "on" : "off"));
        String version = registry.current(model).orElseThrow();
        publisher.release(new ModelRelease("release-" + model + "-" + (kill ? "kill-" : "restore-") + System.currentTimeMillis(),
                Instant.now(), Publisher.SOURCE, 1, model, version, null, kill ? ReleaseAction.KILL : ReleaseAction.RESTORE,
                registry.store().dir(model, version).toAbsolutePath().toString(), null, body.reason().strip(), p.name()));
        publisher.audit(p, action, model, version, AuditOutcome.OK, Map.of("reason", body.reason().strip(),
                "scoring", kill ? "rules" : version));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("killed", kill);
        out.put("scoring", kill ? RulesModels.VERSION : version);
        out.put("championVersion", version);
        return Response.ok(out);
    }

    private void knownModel(String model) {
        if (registry.current(model).isEmpty()) throw ApiException.notFound("no model " + model);
    }

    private static byte[] page() throws IOException {
        try (InputStream in = FeedbackApi.class.getResourceAsStream("/feedback-ui/index.html")) {
            if (in == null) throw ApiException.notFound("UI not bundled");
            return in.readAllBytes();
        }
    }


}
