package io.vigil.platform.kafka;

import io.vigil.topics.TopicCatalog;
import io.vigil.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicBootstrapIT {

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static Admin admin;
    static final TopicCatalog catalog = TopicCatalog.standard();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.builder(dir.resolve("kafka")).build().start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) admin.close();
        if (kafka != null) kafka.stop();
    }

    @Test
    @Order(1)
    void createsExactlyTheCatalogsTopicsWithTheirConfigs() throws Exception {
        TopicBootstrap.Report report = new TopicBootstrap(admin).apply(catalog.all());

        Set<String> expected = catalog.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        assertThat(report.created()).containsExactlyInAnyOrderElementsOf(expected);
        Set<String> actual = admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get(30, TimeUnit.SECONDS);
        assertThat(actual).isEqualTo(expected);

        Map<String, TopicDescription> descriptions = admin.describeTopics(expected).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(expected.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
        for (TopicSpec spec : catalog.all()) {
            TopicDescription d = descriptions.get(spec.name());
            assertThat(d.partitions()).as(spec.name() + " partitions").hasSize(spec.partitions());
            // one broker: replication capped to 1
            assertThat(d.partitions().get(0).replicas()).as(spec.name() + " replicas").hasSize(1);
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            TopicBootstrap.effectiveConfigs(spec, 1).forEach((k, v) ->
                    assertThat(config.get(k).value()).as(spec.name() + " " + k).isEqualTo(v));
        }
        assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "models.releases"))
                .get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    @Order(2)
    void secondRunChangesNothing() {
        TopicBootstrap.Report report = new TopicBootstrap(admin).apply(catalog.all());
        assertThat(report.changedNothing()).isTrue();
        assertThat(report.unchanged()).hasSize(catalog.all().size());
    }

    @Test
    @Order(3)
    void driftedConfigIsRestored() throws Exception {
        ConfigResource audit = new ConfigResource(ConfigResource.Type.TOPIC, "audit");
        admin.incrementalAlterConfigs(Map.of(audit, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);

        TopicBootstrap.Report report = new TopicBootstrap(admin).apply(catalog.all());

        assertThat(report.updated()).containsExactly("audit");
        String retention = admin.describeConfigs(List.of(audit)).all().get(30, TimeUnit.SECONDS)
                .get(audit).get("retention.ms").value();
        assertThat(retention).isEqualTo(catalog.get("audit").configs().get("retention.ms"));
    }

    @Test
    @Order(4)
    void servicesStartingTogetherDoNotTripOverEachOther() throws Exception {
        java.util.List<TopicSpec> fresh = java.util.List.of(
                new TopicSpec("race.a", 2, (short) 1, Map.of(), "k", "AuditRecord", "race"),
                new TopicSpec("race.b", 1, (short) 1, Map.of(), "k", "AuditRecord", "race"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var runs = new java.util.ArrayList<java.util.concurrent.Future<TopicBootstrap.Report>>();
            for (int i = 0; i < 4; i++) runs.add(pool.submit(() -> new TopicBootstrap(admin).apply(fresh)));
            int created = 0;
            for (var run : runs) created += run.get(60, TimeUnit.SECONDS).created().size();
            // every topic created exactly once, nobody failed
            assertThat(created).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replicationAndMinIsrAreCappedToTheCluster() {
        TopicSpec spec = catalog.get("news.raw");
        assertThat(spec.replicationFactor()).isGreaterThan((short) 1);
        assertThat(TopicBootstrap.replication(spec, 1)).isEqualTo((short) 1);
        assertThat(TopicBootstrap.replication(spec, 5)).isEqualTo(spec.replicationFactor());
        assertThat(TopicBootstrap.effectiveConfigs(spec, 1)).containsEntry("min.insync.replicas", "1");
        assertThat(TopicBootstrap.effectiveConfigs(spec, 3)).containsEntry("min.insync.replicas", "2");
    }
}
