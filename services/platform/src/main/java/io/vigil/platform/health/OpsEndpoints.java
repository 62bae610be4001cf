package io.vigil.platform.health;

import io.vigil.platform.http.HttpApi;
import io.vigil.platform.http.Response;

/** Mounts the operational endpoints every service exposes: {@code /health} and {@code /metrics}. */
public final class OpsEndpoints {

    private OpsEndpoints() {
    }

    public static void mount(HttpApi api, Health health, Metrics metrics) {
        api.get("/health", req -> {
            Health.Report report = health.check();
            return Response.json(report.state() == Health.State.UP ? 200 : 503, report);
        });
        api.get("/metrics", req -> Response.text(200, "text/plain; version=0.0.4", metrics.scrape()));
    }
}
