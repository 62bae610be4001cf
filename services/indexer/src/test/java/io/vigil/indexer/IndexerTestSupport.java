package io.vigil.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.ServiceContext;
import io.vigil.testkit.TestInfrastructure;
import io.vigil.topics.Topic;
import io.vigil.topics.indices.IndexCatalog;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Real Kafka + Elasticsearch (the testkit's shared ones) and small helpers the indexer ITs share. */
final class IndexerTestSupport {

    final TestInfrastructure infra = TestInfrastructure.shared();

    ElasticsearchClient es() {
        return infra.elasticsearch();
    }

    /** Quick flushes and short backoff caps so tests are brisk; no janitor. */
    static IndexerSettings settings(String group, List<String> topics) {
        return new IndexerSettings(group, topics, 500, 5L << 20, 200, 2, 20_000, 50, 2_000, 100, 300, false, 24);
    }

    IndexerService indexer(IndexerSettings settings) throws Exception {
        Path dir = Files.createTempDirectory("vigil-indexer-it-");
        ServiceContext ctx = new ServiceContext(infra.config(), infra.kafka(), dir, new Health(), new SimpleMeterRegistry(), null);
        return new IndexerService(ctx, infra.elasticsearchSettings(), settings, IndexCatalog.standard(), Clock.systemUTC());
    }

    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(infra.kafka().producer(TestInfrastructure.uniqueId("it-producer")), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Sends one event through its topic's serde; returns where it landed. */
    static <V> RecordMetadata send(KafkaProducer<String, byte[]> p, Topic<String, V> topic, String key, V event) throws Exception {
        return p.send(new ProducerRecord<>(topic.name(), key, topic.jsonValueSerde().encode(event))).get(30, TimeUnit.SECONDS);
    }

    Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> m = infra.infrastructure().admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        m.forEach((tp, o) -> { if (o != null) out.put(tp, o.offset()); });
        return out;
    }

    Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> req = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return infra.infrastructure().admin().listOffsets(req).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The `_id`s of every document under {@code alias} whose {@code id} starts with {@code prefix} (refreshed first). */
    List<String> ids(String alias, String prefix) throws Exception {
        es().indices().refresh(r -> r.index(alias + "-*").allowNoIndices(true));
        return es().search(s -> s.index(alias + "-*").allowNoIndices(true).ignoreUnavailable(true).size(10_000).source(src -> src.fetch(false))
                        .query(q -> q.prefix(p -> p.field("id").value(prefix))), Void.class)
                .hits().hits().stream().map(Hit::id).toList();
    }

    /** Ids that the committed offsets cover (offset below the committed one) but that are missing in Elasticsearch. */
    List<String> committedButMissing(Map<String, RecordMetadata> sent, Map<TopicPartition, Long> committed, String alias,
                                     String prefix) throws Exception {
        Set<String> present = new HashSet<>(ids(alias, prefix));
        return sent.entrySet().stream()
                .filter(e -> {
                    Long c = committed.get(new TopicPartition(e.getValue().topic(), e.getValue().partition()));
                    return c != null && e.getValue().offset() < c;
                })
                .map(Map.Entry::getKey).filter(id -> !present.contains(id)).toList();
    }
}
