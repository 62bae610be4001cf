package io.vigil.app;

import io.vigil.alerts.AlertListener;
import io.vigil.alerts.AlertsService;
import io.vigil.feedback.FeedbackService;
import io.vigil.indexer.IndexerService;
import io.vigil.inference.InferenceService;
import io.vigil.monitors.MonitorsService;
import io.vigil.ingest.IngestService;
import io.vigil.platform.Infrastructure;
import io.vigil.platform.config.HttpSettings;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.health.Health;
import io.vigil.platform.health.Metrics;
import io.vigil.platform.health.OpsEndpoints;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.service.ServiceContext;

import java.nio.file.Path;

/**
 * Everything of local mode in one JVM: the infrastructure (embedded unless configured), the HTTP front with
 * health and metrics, and every service, started consumers-first so nothing waits on a rebalance, stopped in
 * reverse. {@code vigil local}, the end-to-end test and {@code vigil bench e2e} all run this same wiring.
 */
public final class LocalRuntime implements AutoCloseable {

    private final Metrics metrics;
    private final Infrastructure infra;
    private final HttpApi http;
    private final ServiceHost services = new ServiceHost();
    private final Health health = new Health();
    private final IngestService ingest;
    private final FeedbackService feedback;

    private LocalRuntime(VigilConfig config, AlertListener alerts) {
        Metrics m = new Metrics();
        Infrastructure i = null;
        HttpApi h = null;
        try {
            i = Infrastructure.start(config);
            HttpSettings httpSettings = config.bind("http", HttpSettings.class);
            h = new HttpApi(httpSettings.host(), httpSettings.port());
            i.registerHealth(health);
            OpsEndpoints.mount(h, health, m);
            h.start();
            this.metrics = m;
            this.infra = i;
            this.http = h;
            ServiceContext ctx = new ServiceContext(config, i.kafka(), Path.of(config.get("data-dir")), health,
                    m.registry(), h, i.elasticsearchSettings());
            services.start(new IndexerService(ctx, i.elasticsearchSettings()));
            services.start(new AlertsService(ctx, alerts));
            services.start(new MonitorsService(ctx));
            services.start(new InferenceService(ctx));
            this.feedback = services.start(new FeedbackService(ctx));
            this.ingest = services.start(new IngestService(ctx));
        } catch (RuntimeException e) {
            services.close();
            if (h != null) h.close();
            if (i != null) i.close();
            m.close();
            throw e;
        }
    }

    public static LocalRuntime start(VigilConfig config, AlertListener alerts) {
        return new LocalRuntime(config, alerts);
    }

    public Infrastructure infrastructure() {
        return infra;
    }

    public HttpApi http() {
        return http;
    }

    public Health health() {
        return health;
    }

    public Metrics metrics() {
        return metrics;
    }

    public IngestService ingest() {
        return ingest;
    }

    public FeedbackService feedback() {
        return feedback;
    }

    @Override
    public void close() {
        try {
            services.close();
        } finally {
            http.close();
            infra.close();
            metrics.close();
        }
    }
}
