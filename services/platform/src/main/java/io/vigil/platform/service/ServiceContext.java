package io.vigil.platform.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.elasticsearch.ElasticsearchSettings;
import io.vigil.platform.health.Health;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.kafka.KafkaClients;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a service is given to run with. Services read their own configuration section through
 * {@link #config()} ({@code config().bind("alerts", AlertsSettings.class)}), register health checks,
 * meters and HTTP routes, and keep local state under {@link #stateDir(String)}.
 */
public final class ServiceContext {

    private final VigilConfig config;
    private final KafkaClients kafka;
    private final Path dataDir;
    private final Health health;
    private final MeterRegistry metrics;
    private final HttpApi http;
    private final ElasticsearchSettings elasticsearch;

    public ServiceContext(VigilConfig config, KafkaClients kafka, Path dataDir, Health health, MeterRegistry metrics,
                          HttpApi http) {
        this(config, kafka, dataDir, health, metrics, http, null);
    }

    public ServiceContext(VigilConfig config, KafkaClients kafka, Path dataDir, Health health, MeterRegistry metrics,
                          HttpApi http, ElasticsearchSettings elasticsearch) {
        this.config = Objects.requireNonNull(config);
        this.kafka = Objects.requireNonNull(kafka);
        this.dataDir = Objects.requireNonNull(dataDir).toAbsolutePath();
        this.health = Objects.requireNonNull(health);
        this.metrics = Objects.requireNonNull(metrics);
        this.http = http;
        this.elasticsearch = elasticsearch;
    }

    /** How to reach Elasticsearch; null where the process runs without it. */
    public ElasticsearchSettings elasticsearch() {
        return elasticsearch;
    }

    public VigilConfig config() {
        return config;
    }

    public KafkaClients kafka() {
        return kafka;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A directory for one service's local state (e.g. Kafka Streams stores), created on demand. */
    public Path stateDir(String service) {
        Path dir = dataDir.resolve("state").resolve(service);
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create state directory " + dir, e);
        }
        return dir;
    }

    public Health health() {
        return health;
    }

    public MeterRegistry metrics() {
        return metrics;
    }

    /** The process's HTTP front to mount routes on; null where the service runs without one. */
    public HttpApi http() {
        return http;
    }
}
