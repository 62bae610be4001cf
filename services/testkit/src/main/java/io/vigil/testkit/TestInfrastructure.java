package io.vigil.testkit;

import io.vigil.platform.Infrastructure;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * One real Kafka broker and one real Elasticsearch node for every integration test in a JVM, with the
 * catalog's topics and index templates bootstrapped once.
 *
 * <p>Where a Docker engine is reachable they are containers (Testcontainers, images pinned by the parent
 * POM); otherwise they run embedded in this JVM. {@code -Dvigil.test.infra=embedded|docker} forces one.
 * Tests share the topics, so each test must use its own ids / consumer groups ({@link #uniqueId(String)})
 * and filter what it reads by them.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static TestInfrastructure shared;

    private final String mode;
    private final VigilConfig config;
    private final Infrastructure infrastructure;

    private TestInfrastructure(String mode, VigilConfig config, Infrastructure infrastructure) {
        this.mode = mode;
        this.config = config;
        this.infrastructure = infrastructure;
    }

    /** The JVM-wide instance, started on first use and stopped when the JVM exits. */
    public static synchronized TestInfrastructure shared() {
        if (shared == null) shared = start();
        return shared;
    }

    private static TestInfrastructure start() {
        String wanted = System.getProperty("vigil.test.infra", "auto");
        boolean docker = switch (wanted) {
            case "docker" -> true;
            case "embedded" -> false;
            default -> dockerAvailable();
        };
        long t0 = System.nanoTime();
        Map<String, String> overrides = new LinkedHashMap<>();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("vigil-test-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        overrides.put("data-dir", dataDir.toString());
        Runnable stopContainers = () -> { };
        if (docker) {
            Properties images = images();
            KafkaContainer kafka = new KafkaContainer(images.getProperty("kafka.image"));
            ElasticsearchContainer es = new ElasticsearchContainer(images.getProperty("elasticsearch.image"))
                    .withEnv("xpack.security.enabled", "false")
                    .withEnv("ES_JAVA_OPTS", "-Xms256m -Xmx512m");
            kafka.start();
            es.start();
            overrides.put("kafka.bootstrap-servers", kafka.getBootstrapServers());
            overrides.put("elasticsearch.urls", "http://" + es.getHttpHostAddress());
            stopContainers = () -> {
                es.stop();
                kafka.stop();
            };
        }
        VigilConfig config = VigilConfig.load(null, Map.of(), overrides);
        Infrastructure infra = Infrastructure.start(config);
        TestInfrastructure ti = new TestInfrastructure(docker ? "docker" : "embedded", config, infra);
        Runnable containers = stopContainers;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.close();
            containers.run();
        }, "vigil-test-infra-stop"));
        log.info("Test infrastructure ({}) ready in {} ms: kafka {}, elasticsearch {}", ti.mode,
                (System.nanoTime() - t0) / 1_000_000, infra.kafka().bootstrapServers(), infra.elasticsearchSettings().urls());
        return ti;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private static Properties images() {
        Properties p = new Properties();
        try (InputStream in = TestInfrastructure.class.getResourceAsStream("/vigil-testkit.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** {@code docker} or {@code embedded}. */
    public String mode() {
        return mode;
    }

    /** Configuration pointing at this infrastructure (what a service under test is started with). */
    public VigilConfig config() {
        return config;
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public KafkaClients kafka() {
        return infrastructure.kafka();
    }

    public String kafkaBootstrapServers() {
        return infrastructure.kafka().bootstrapServers();
    }

    public co.elastic.clients.elasticsearch.ElasticsearchClient elasticsearch() {
        return infrastructure.elasticsearch();
    }

    public io.vigil.platform.elasticsearch.ElasticsearchSettings elasticsearchSettings() {
        return infrastructure.elasticsearchSettings();
    }

    /** A name no other test in this JVM uses: for ids, consumer groups and application ids. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
