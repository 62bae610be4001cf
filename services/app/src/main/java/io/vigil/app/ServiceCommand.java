package io.vigil.app;

import io.vigil.platform.Infrastructure;
import io.vigil.platform.config.HttpSettings;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.health.Health;
import io.vigil.platform.health.Metrics;
import io.vigil.platform.health.OpsEndpoints;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one service alone against external Kafka (and Elasticsearch where it needs it), with its health and
 * metrics endpoints, until the process is stopped: the distributed deployment's entry point.
 */
abstract class ServiceCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether the service talks to Elasticsearch. */
    abstract boolean needsElasticsearch();

    abstract Service create(ServiceContext ctx, PrintWriter out);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        VigilConfig config = options.load();
        HttpSettings httpSettings = config.bind("http", HttpSettings.class);
        CountDownLatch stop = new CountDownLatch(1);
        try (Metrics metrics = new Metrics();
             Infrastructure infra = Infrastructure.connect(config, needsElasticsearch());
             HttpApi http = new HttpApi(httpSettings.host(), httpSettings.port());
             ServiceHost host = new ServiceHost()) {
            Health health = new Health();
            infra.registerHealth(health);
            OpsEndpoints.mount(http, health, metrics);
            ServiceContext ctx = new ServiceContext(config, infra.kafka(), Path.of(config.get("data-dir")), health,
                    metrics.registry(), http, infra.elasticsearchSettings());
            Service service = host.start(create(ctx, out));
            http.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "vigil-shutdown"));
            out.println("vigil " + service.name() + ": running against " + infra.kafka().bootstrapServers()
                    + "; health " + http.baseUrl() + "/health");
            stop.await();
        }
        return 0;
    }
}
