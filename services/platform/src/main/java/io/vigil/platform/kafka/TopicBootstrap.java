package io.vigil.platform.kafka;

import io.vigil.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Makes the cluster's topics match the catalog: creates missing topics, adds partitions, and sets
 * configs that differ. Idempotent: a second run reports every topic unchanged. It never deletes a
 * topic or shrinks one (Kafka cannot), and leaves topics the catalog does not name alone.
 *
 * <p>Replication is capped to the number of brokers (and min.insync.replicas to the replication), so
 * the same catalog serves a one-node local broker and a production cluster.
 */
public final class TopicBootstrap {

    private static final Logger log = LoggerFactory.getLogger(TopicBootstrap.class);
    private static final long TIMEOUT_S = 30;

    private final Admin admin;

    public TopicBootstrap(Admin admin) {
        this.admin = admin;
    }

    /** What a bootstrap run did, topic by topic. */
    public record Report(List<String> created, List<String> updated, List<String> unchanged, List<String> warnings) {
        public boolean changedNothing() {
            return created.isEmpty() && updated.isEmpty();
        }

        @Override
        public String toString() {
            return "topics created=" + created.size() + " updated=" + updated.size() + " unchanged=" + unchanged.size()
                    + (warnings.isEmpty() ? "" : " warnings=" + warnings);
        }
    }

    public Report apply(Collection<TopicSpec> specs) {
        try {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_S, TimeUnit.SECONDS).size();
            Set<String> existing = admin.listTopics(new ListTopicsOptions().listInternal(false))
                    .names().get(TIMEOUT_S, TimeUnit.SECONDS);
            List<String> created = new ArrayList<>(), updated = new ArrayList<>(), unchanged = new ArrayList<>(),
                    warnings = new ArrayList<>();

            List<NewTopic> toCreate = specs.stream().filter(s -> !existing.contains(s.name()))
                    .map(s -> new NewTopic(s.name(), s.partitions(), replication(s, brokers))
                            .configs(effectiveConfigs(s, brokers)))
                    .toList();
            if (!toCreate.isEmpty()) {
                var results = admin.createTopics(toCreate).values();
                for (NewTopic t : toCreate) {
                    try {
                        results.get(t.name()).get(TIMEOUT_S, TimeUnit.SECONDS);
                        created.add(t.name());
                    } catch (ExecutionException e) {
                        // Services started together race to create the same topics: the loser's topic exists,
                        // which is what it wanted. Its configs are checked on the next run like any other.
                        if (!(e.getCause() instanceof TopicExistsException)) throw e;
                        unchanged.add(t.name());
                    }
                }
            }

            List<TopicSpec> present = specs.stream().filter(s -> existing.contains(s.name())).toList();
            if (!present.isEmpty()) reconcile(present, brokers, updated, unchanged, warnings);

            // KAFKA-15591: producing right after createTopics can hit NOT_LEADER / OUT_OF_ORDER_SEQUENCE.
            // Wait until every new partition has a leader that answers offset requests.
            awaitWritable(toCreate.stream().collect(Collectors.toMap(NewTopic::name, NewTopic::numPartitions)));
            Report report = new Report(List.copyOf(created), List.copyOf(updated), List.copyOf(unchanged), List.copyOf(warnings));
            log.info("Topic bootstrap: {}", report);
            return report;
        } catch (ExecutionException e) {
            throw new IllegalStateException("topic bootstrap failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("topic bootstrap interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic bootstrap timed out after " + TIMEOUT_S + " s", e);
        }
    }

    private void reconcile(List<TopicSpec> present, int brokers, List<String> updated, List<String> unchanged,
                           List<String> warnings)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(present.stream().map(TopicSpec::name).toList())
                .allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<ConfigResource> resources = present.stream()
                .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_S, TimeUnit.SECONDS);

        Map<String, NewPartitions> grow = new HashMap<>();
        Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
        for (TopicSpec spec : present) {
            boolean changed = false;
            int actual = descriptions.get(spec.name()).partitions().size();
            if (actual < spec.partitions()) {
                grow.put(spec.name(), NewPartitions.increaseTo(spec.partitions()));
                changed = true;
            } else if (actual > spec.partitions()) {
                warnings.add(spec.name() + " has " + actual + " partitions, catalog says " + spec.partitions()
                        + " (Kafka cannot shrink a topic; left as is)");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            Config current = configs.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            effectiveConfigs(spec, brokers).forEach((key, wanted) -> {
                ConfigEntry entry = current.get(key);
                if (entry == null || !wanted.equals(entry.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, wanted), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                alter.put(resource, ops);
                changed = true;
            }
            (changed ? updated : unchanged).add(spec.name());
        }
        if (!grow.isEmpty()) admin.createPartitions(grow).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        if (!alter.isEmpty()) admin.incrementalAlterConfigs(alter).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        if (!grow.isEmpty()) awaitWritable(grow.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().totalCount())));
    }

    static short replication(TopicSpec spec, int brokers) {
        return (short) Math.max(1, Math.min(spec.replicationFactor(), brokers));
    }

    /** The catalog's configs with min.insync.replicas capped to the replication actually used. */
    static Map<String, String> effectiveConfigs(TopicSpec spec, int brokers) {
        Map<String, String> configs = new LinkedHashMap<>(spec.configs());
        String minIsr = configs.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        if (minIsr != null) {
            int capped = Math.min(Integer.parseInt(minIsr), replication(spec, brokers));
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(capped));
        }
        return configs;
    }

    private void awaitWritable(Map<String, Integer> partitionsByTopic) throws InterruptedException {
        if (partitionsByTopic.isEmpty()) return;
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitionsByTopic.forEach((topic, n) -> {
            for (int p = 0; p < n; p++) request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(TIMEOUT_S).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                admin.listOffsets(request).all().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("new partitions did not become writable within " + TIMEOUT_S + " s", last);
    }
}
