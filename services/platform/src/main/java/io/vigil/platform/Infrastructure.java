package io.vigil.platform;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.vigil.platform.config.ElasticsearchConfig;
import io.vigil.platform.config.KafkaSettings;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.elasticsearch.ElasticsearchClients;
import io.vigil.platform.elasticsearch.ElasticsearchSettings;
import io.vigil.platform.elasticsearch.EmbeddedElasticsearch;
import io.vigil.platform.elasticsearch.IndexBootstrap;
import io.vigil.platform.health.Health;
import io.vigil.platform.kafka.EmbeddedKafka;
import io.vigil.platform.kafka.KafkaClients;
import io.vigil.platform.kafka.TopicBootstrap;
import io.vigil.topics.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka and Elasticsearch a process works against: the configured external clusters, or embedded
 * ones started here (local mode and tests) under the data directory. Bootstraps the catalog's topics
 * and index templates once started. Closing stops only what this object started.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private final EmbeddedKafka embeddedKafka;
    private final KafkaClients kafka;
    private final Admin admin;
    private final TopicBootstrap.Report topicReport;
    private final EmbeddedElasticsearch embeddedElasticsearch;
    private final ElasticsearchSettings elasticsearchSettings;
    private final ElasticsearchClient elasticsearch;
    private final IndexBootstrap.Report indexReport;

    private Infrastructure(EmbeddedKafka embeddedKafka, KafkaClients kafka, Admin admin, TopicBootstrap.Report topicReport,
                           EmbeddedElasticsearch embeddedElasticsearch, ElasticsearchSettings elasticsearchSettings,
                           ElasticsearchClient elasticsearch, IndexBootstrap.Report indexReport) {
        this.embeddedKafka = embeddedKafka;
        this.kafka = kafka;
        this.admin = admin;
        this.topicReport = topicReport;
        this.embeddedElasticsearch = embeddedElasticsearch;
        this.elasticsearchSettings = elasticsearchSettings;
        this.elasticsearch = elasticsearch;
        this.indexReport = indexReport;
    }

    /** Local mode and tests: embedded Kafka and Elasticsearch wherever the configuration names none. */
    public static Infrastructure start(VigilConfig config) {
        return open(config, true, true);
    }

    /**
     * One service run alone: connects to the configured clusters and never starts embedded ones.
     *
     * @param needsElasticsearch whether the service talks to Elasticsearch at all
     */
    public static Infrastructure connect(VigilConfig config, boolean needsElasticsearch) {
        if (config.bind("kafka", KafkaSettings.class).useEmbedded()) {
            throw new io.vigil.platform.config.ConfigException(
                    "kafka.bootstrap-servers is not set: a service run alone needs an external Kafka (or use `vigil local`)");
        }
        if (needsElasticsearch && config.bind("elasticsearch", ElasticsearchConfig.class).useEmbedded()) {
            throw new io.vigil.platform.config.ConfigException(
                    "elasticsearch.urls is not set: this service needs an external Elasticsearch (or use `vigil local`)");
        }
        return open(config, false, needsElasticsearch);
    }

    private static Infrastructure open(VigilConfig config, boolean embeddedAllowed, boolean withElasticsearch) {
        Path dataDir = Path.of(config.get("data-dir")).toAbsolutePath();
        KafkaSettings kafkaSettings = config.bind("kafka", KafkaSettings.class);
        ElasticsearchConfig esConfig = config.bind("elasticsearch", ElasticsearchConfig.class);
        EmbeddedKafka embedded = null;
        EmbeddedElasticsearch embeddedEs = null;
        Admin admin = null;
        ElasticsearchClient es = null;
        try {
            if (kafkaSettings.useEmbedded() && embeddedAllowed) {
                embedded = EmbeddedKafka.builder(dataDir.resolve("kafka"))
                        .port(kafkaSettings.embedded().port())
                        .controllerPort(kafkaSettings.embedded().controllerPort())
                        .build().start();
                kafkaSettings = kafkaSettings.withBootstrapServers(embedded.bootstrapServers());
            }
            KafkaClients kafka = new KafkaClients(kafkaSettings);
            admin = kafka.admin("bootstrap");
            TopicBootstrap.Report topics = new TopicBootstrap(admin).apply(TopicCatalog.standard().all());

            if (!withElasticsearch) {
                return new Infrastructure(embedded, kafka, admin, topics, null, null, null, null);
            }
            ElasticsearchSettings esSettings;
            if (esConfig.useEmbedded()) {
                embeddedEs = EmbeddedElasticsearch.builder(dataDir.resolve("elasticsearch"))
                        .httpPort(esConfig.embedded().httpPort()).build().start();
                esSettings = ElasticsearchSettings.local(embeddedEs.httpUrl());
            } else {
                esSettings = new ElasticsearchSettings(esConfig.urls(), esConfig.apiKey().reveal(), esConfig.username(),
                        esConfig.password().reveal(), blankToPath(esConfig.caCertificate()), esConfig.fingerprint(),
                        Duration.ofMillis(esConfig.timeoutMs()));
            }
            es = ElasticsearchClients.create(esSettings);
            IndexBootstrap.Report indices = IndexBootstrap.builder(es)
                    .replicas(embeddedEs != null ? 0 : esConfig.replicas()).build().apply();
            log.info("Index bootstrap: {}", indices);
            return new Infrastructure(embedded, kafka, admin, topics, embeddedEs, esSettings, es, indices);
        } catch (IOException e) {
            closeQuietly(admin, es, embeddedEs, embedded);
            throw new IllegalStateException("index bootstrap failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(admin, es, embeddedEs, embedded);
            throw e;
        }
    }

    private static Path blankToPath(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) continue;
            try {
                r.close();
            } catch (Exception e) {
                log.warn("while cleaning up after a failed start: {}", e.getMessage());
            }
        }
    }

    public ElasticsearchClient elasticsearch() {
        return elasticsearch;
    }

    /** How to reach Elasticsearch (for components that build their own client, e.g. a bulk ingester). */
    public ElasticsearchSettings elasticsearchSettings() {
        return elasticsearchSettings;
    }

    public boolean elasticsearchEmbedded() {
        return embeddedElasticsearch != null;
    }

    /** The embedded node, or null when an external cluster is used (tests stop and restart it). */
    public EmbeddedElasticsearch embeddedElasticsearch() {
        return embeddedElasticsearch;
    }

    /** The embedded broker, or null when an external cluster is used. */
    public EmbeddedKafka embeddedKafka() {
        return embeddedKafka;
    }

    public IndexBootstrap.Report indexReport() {
        return indexReport;
    }

    public KafkaClients kafka() {
        return kafka;
    }

    public Admin admin() {
        return admin;
    }

    public boolean kafkaEmbedded() {
        return embeddedKafka != null;
    }

    public TopicBootstrap.Report topicReport() {
        return topicReport;
    }

    /** Registers Kafka and Elasticsearch reachability checks. */
    public void registerHealth(Health health) {
        health.register("kafka", () -> {
            if (embeddedKafka != null && embeddedKafka.fatalError() != null) return Health.Status.down(embeddedKafka.fatalError());
            try {
                int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
                return Health.Status.up(nodes + " broker(s) at " + kafka.bootstrapServers());
            } catch (Exception e) {
                return Health.Status.down("cannot reach Kafka at " + kafka.bootstrapServers() + ": " + e.getMessage());
            }
        });
        if (elasticsearch == null) return;
        health.register("elasticsearch", () -> {
            try {
                var h = elasticsearch.cluster().health(b -> b.timeout(t -> t.time("3s")));
                String status = h.status().jsonValue();
                String detail = "cluster " + h.clusterName() + " is " + status + " at " + elasticsearchSettings.urls();
                return "red".equals(status) ? Health.Status.down(detail) : Health.Status.up(detail);
            } catch (Exception e) {
                return Health.Status.down("cannot reach Elasticsearch at " + elasticsearchSettings.urls() + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        // Clients first, then the servers they talk to.
        closeQuietly(admin, elasticsearch == null ? null : elasticsearch._transport(), embeddedElasticsearch, embeddedKafka);
        log.info("Infrastructure stopped");
    }
}
