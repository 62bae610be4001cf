package io.vigil.app;

import io.vigil.alerts.AlertPrinter;
import io.vigil.ingest.IngestService;
import io.vigil.ingest.source.DatasetReplay;
import io.vigil.platform.Infrastructure;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.http.HttpApi;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Local mode: everything in one JVM on an embedded Kafka broker and Elasticsearch node, with data kept in
 * the data directory so a restart resumes where it stopped.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run Vigil locally: embedded Kafka and Elasticsearch, topics and index templates bootstrapped, "
                + "health and metrics served. Stops cleanly on Ctrl-C and resumes from its data directory.")
final class LocalCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
    long durationSeconds;

    @Option(names = "--replay", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Replay the bundled datasets as live streams at the configured rates (default: on; --no-replay to skip).")
    boolean replay;

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    long statusIntervalSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        VigilConfig config = options.load();
        if (config.bind("feedback", io.vigil.feedback.FeedbackSettings.class).apiKeys().isEmpty()) {
            // nobody could use the analyst API otherwise: make local keys once per data directory
            config = options.load(java.util.List.of(LocalApiKeys.ensure(Path.of(config.get("data-dir")))));
        }
        long t0 = System.nanoTime();
        out.println("vigil local: starting (data in " + config.get("data-dir") + ")");

        CountDownLatch stop = new CountDownLatch(1);
        try (LocalRuntime local = LocalRuntime.start(config, new AlertPrinter(out))) {
            Infrastructure infra = local.infrastructure();
            HttpApi http = local.http();
            IngestService ingest = local.ingest();
            DatasetReplay datasets = replay ? ingest.datasetReplay(Path.of(ingest.settings().replay().dataDir())) : null;
            if (datasets != null && !datasets.dataPresent()) {
                out.println("  (no bundled datasets under " + ingest.settings().replay().dataDir() + "; replay skipped)");
                datasets = null;
            }
            if (datasets != null) datasets.start();
            Thread hook = new Thread(stop::countDown, "vigil-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);

            out.printf("vigil local: ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            out.println("  kafka          " + infra.kafka().bootstrapServers() + (infra.kafkaEmbedded() ? " (embedded)" : ""));
            out.println("  topics         " + infra.topicReport());
            out.println("  elasticsearch  " + String.join(",", infra.elasticsearchSettings().urls())
                    + (infra.elasticsearchEmbedded() ? " (embedded)" : ""));
            out.println("  indices        " + infra.indexReport());
            out.println("  health         " + http.baseUrl() + "/health");
            out.println("  metrics        " + http.baseUrl() + "/metrics");
            out.println("  services       ingest, inference, feedback, indexer, alerts");
            out.println("  analyst UI     " + http.baseUrl() + "/ui  (API keys: "
                    + Path.of(config.get("data-dir")).resolve(LocalApiKeys.KEYS) + " unless configured)");
            out.println("  score          POST " + http.baseUrl() + "/v1/score/{news-sentiment,transaction-fraud,note-risk}");
            out.println("  ingest         " + http.baseUrl() + "/ingest/{news,transactions,notes}"
                    + (datasets != null ? "; replaying the bundled datasets" : ""));
            out.println("Press Ctrl-C to stop.");

            StatusLine status = new StatusLine(local.metrics().registry());
            long deadline = durationSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
            Duration interval = Duration.ofSeconds(Math.max(1, statusIntervalSeconds));
            while (System.nanoTime() < deadline) {
                long waitNs = Math.min(interval.toNanos(), deadline - System.nanoTime());
                if (stop.await(Math.max(1, waitNs), TimeUnit.NANOSECONDS)) break;
                out.println(status.next(local.health().check()));
            }
            if (datasets != null) datasets.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // Ctrl-C: the JVM is already running hooks; we are stopping anyway.
            }
            out.println("vigil local: stopping");
        }
        out.println("vigil local: stopped");
        return 0;
    }
}
