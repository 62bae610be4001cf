package io.vigil.platform;

import io.vigil.platform.config.KafkaSettings;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.health.Health;
import io.vigil.platform.kafka.EmbeddedKafka;
import io.vigil.platform.kafka.KafkaClients;
import io.vigil.platform.kafka.TopicBootstrap;
import io.vigil.topics.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
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

    private Infrastructure(EmbeddedKafka embeddedKafka, KafkaClients kafka, Admin admin, TopicBootstrap.Report topicReport) {
        this.embeddedKafka = embeddedKafka;
        this.kafka = kafka;
        this.admin = admin;
        this.topicReport = topicReport;
    }

    public static Infrastructure start(VigilConfig config) {
        Path dataDir = Path.of(config.get("data-dir")).toAbsolutePath();
        KafkaSettings kafkaSettings = config.bind("kafka", KafkaSettings.class);
        EmbeddedKafka embedded = null;
        try {
            if (kafkaSettings.useEmbedded()) {
                embedded = EmbeddedKafka.builder(dataDir.resolve("kafka"))
                        .port(kafkaSettings.embedded().port())
                        .controllerPort(kafkaSettings.embedded().controllerPort())
                        .build().start();
                kafkaSettings = kafkaSettings.withBootstrapServers(embedded.bootstrapServers());
            }
            KafkaClients kafka = new KafkaClients(kafkaSettings);
            Admin admin = kafka.admin("bootstrap");
            TopicBootstrap.Report topics = new TopicBootstrap(admin).apply(TopicCatalog.standard().all());
            return new Infrastructure(embedded, kafka, admin, topics);
        } catch (RuntimeException e) {
            if (embedded != null) embedded.stop();
            throw e;
        }
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
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            if (embeddedKafka != null) embeddedKafka.stop();
        }
        log.info("Infrastructure stopped");
    }
}
