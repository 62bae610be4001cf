package io.vigil.topics;

import java.util.Map;
import java.util.Objects;

/**
 * One topic as the catalog declares it.
 *
 * @param name              the topic name
 * @param partitions        partition count
 * @param replicationFactor desired replication; bootstrap caps it to the brokers available
 * @param configs           Kafka topic configs (retention, cleanup policy, ...)
 * @param key               what the record key holds, in words
 * @param valueType         the value's schema / record name, e.g. {@code NewsArticle}
 * @param description       what the topic is for
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs,
                        String key, String valueType, String description) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType of " + name);
        if (partitions < 1) throw new IllegalArgumentException(name + ": partitions must be >= 1");
        if (replicationFactor < 1) throw new IllegalArgumentException(name + ": replicationFactor must be >= 1");
        configs = Map.copyOf(configs);
    }

    /** True for latest-state topics (log compaction). */
    public boolean compacted() {
        return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
    }
}
