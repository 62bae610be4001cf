package io.vigil.indexer;

import io.vigil.indexer.bench.SampleEvents;
import io.vigil.platform.elasticsearch.EmbeddedElasticsearch;
import io.vigil.testkit.TestInfrastructure;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.ScoredTransaction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The indexer through real Kafka and a real Elasticsearch node. */
class IndexerServiceIT {

    private static final String TXN_ALIAS = "vigil-transactions";
    private final IndexerTestSupport support = new IndexerTestSupport();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void elasticsearchStoppedAndRestartedMidStreamEveryEventIndexedExactlyOnce() throws Exception {
        EmbeddedElasticsearch node = support.infra.infrastructure().embeddedElasticsearch();
        assumeTrue(node != null, "needs the embedded node to stop and restart it");
        String prefix = TestInfrastructure.uniqueId("restart") + "-";
        String group = TestInfrastructure.uniqueId("indexer-restart");
        SampleEvents events = new SampleEvents(42, Instant.now().minusSeconds(3600), prefix);
        Map<String, RecordMetadata> sent = new LinkedHashMap<>();
        int perPhase = 1000;
        try (IndexerService indexer = support.indexer(IndexerTestSupport.settings(group, List.of(Topics.TRANSACTIONS_SCORED.name())));
             KafkaProducer<String, byte[]> producer = support.producer()) {
            indexer.start();
            produce(producer, events, 0, perPhase, sent);
            await().atMost(Duration.ofSeconds(90)).until(() -> support.ids(TXN_ALIAS, prefix).size() >= perPhase / 2);
            assertThat(support.committedButMissing(sent, support.committed(group), TXN_ALIAS, prefix))
                    .as("committed offsets cover only acknowledged documents").isEmpty();

            node.stop();
            produce(producer, events, perPhase, 2 * perPhase, sent);
            await().atMost(Duration.ofSeconds(60)).until(indexer::paused);
            Thread.sleep(1000); // let any commit that was already under way land
            Map<TopicPartition, Long> whileDown = support.committed(group);
            Thread.sleep(2000);
            assertThat(support.committed(group)).as("no acknowledgement, no commit, while Elasticsearch is down")
                    .isEqualTo(whileDown);
            assertThat(indexer.health().state()).isEqualTo(io.vigil.platform.health.Health.State.DOWN);

            node.start();
            assertThat(support.committedButMissing(sent, whileDown, TXN_ALIAS, prefix)).isEmpty();
            produce(producer, events, 2 * perPhase, 3 * perPhase, sent);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(support.committedButMissing(sent, support.committed(group), TXN_ALIAS, prefix)).isEmpty();
                return support.ids(TXN_ALIAS, prefix).size() >= sent.size();
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> !indexer.paused());

            List<String> ids = support.ids(TXN_ALIAS, prefix);
            assertThat(ids).as("N documents out for N distinct ids in").hasSize(sent.size());
            assertThat(new HashSet<>(ids)).as("no missing and no extra id").isEqualTo(sent.keySet());
            // every offset eventually committed, and never past what Elasticsearch holds
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<TopicPartition, Long> committed = support.committed(group);
                sent.values().forEach(m -> assertThat(committed.get(new TopicPartition(m.topic(), m.partition())))
                        .isGreaterThan(m.offset()));
            });
        } finally {
            if (!node.isRunning()) node.start();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void mappingErrorAndUndecodableRecordGoToIndexerDlqAndTheStreamContinues() throws Exception {
        String prefix = TestInfrastructure.uniqueId("dlq") + "-";
        String group = TestInfrastructure.uniqueId("indexer-dlq");
        SampleEvents events = new SampleEvents(7, Instant.now().minusSeconds(600), prefix);
        Map<String, RecordMetadata> good = new LinkedHashMap<>();
        RecordMetadata badMapping;
        RecordMetadata garbage;
        ScoredTransaction bad = events.transaction(1000, Map.of("state", "CA", "state.code", "CA-06"));
        try (IndexerService indexer = support.indexer(IndexerTestSupport.settings(group,
                List.of(Topics.TRANSACTIONS_SCORED.name(), Topics.INDEXER_DLQ.name())));
             KafkaProducer<String, byte[]> producer = support.producer()) {
            indexer.start();
            produce(producer, events, 0, 20, good);
            // schema-valid, but "state" is a keyword and "state.code" would need it to be an object
            badMapping = IndexerTestSupport.send(producer, Topics.TRANSACTIONS_SCORED, bad.id(), bad);
            garbage = producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_SCORED.name(), prefix + "garbage",
                    "{\"id\": \"oops\"".getBytes(StandardCharsets.UTF_8))).get();
            produce(producer, events, 20, 40, good);

            await().atMost(Duration.ofSeconds(60)).until(() -> support.ids(TXN_ALIAS, prefix).size() >= good.size());
            assertThat(new HashSet<>(support.ids(TXN_ALIAS, prefix))).isEqualTo(good.keySet());

            List<DeadLetter> letters = readDeadLetters(List.of(badMapping, garbage));
            DeadLetter mapping = letters.stream().filter(d -> d.sourceOffset() == badMapping.offset()
                    && d.sourcePartition() == badMapping.partition()).findFirst().orElseThrow();
            assertThat(mapping.id()).isEqualTo(bad.id());
            assertThat(mapping.sourceTopic()).isEqualTo(Topics.TRANSACTIONS_SCORED.name());
            assertThat(mapping.reason()).contains("Elasticsearch rejected").contains("state");
            assertThat(mapping.errorType()).containsAnyOf("document_parsing_exception", "mapper_parsing_exception",
                    "strict_dynamic_mapping_exception", "illegal_argument_exception");
            assertThat(mapping.carriedBytes()).hasValueSatisfying(b ->
                    assertThat(b).isEqualTo(Topics.TRANSACTIONS_SCORED.jsonValueSerde().encode(bad)));
            DeadLetter undecodable = letters.stream().filter(d -> d.sourceOffset() == garbage.offset()
                    && d.sourcePartition() == garbage.partition()).findFirst().orElseThrow();
            assertThat(undecodable.errorType()).isEqualTo("malformed-json");

            // the dead letters themselves are indexed into vigil-deadletters (original bytes not stored)
            await().atMost(Duration.ofSeconds(60)).until(() -> support.ids("vigil-deadletters", bad.id()).contains(bad.id()));
            var src = support.es().search(s -> s.index("vigil-deadletters").query(q -> q.ids(i -> i.values(bad.id()))),
                    com.fasterxml.jackson.databind.node.ObjectNode.class).hits().hits().getFirst().source();
            assertThat(src.has("originalBase64")).isFalse();
            assertThat(src.get("reason").asText()).contains("Elasticsearch rejected");
            assertThat(indexer.deadLetterCount()).isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(support.committed(group)
                    .get(new TopicPartition(garbage.topic(), garbage.partition()))).isGreaterThan(garbage.offset()));
        }
    }

    private static void produce(KafkaProducer<String, byte[]> producer, SampleEvents events, int from, int to,
                                Map<String, RecordMetadata> sent) throws Exception {
        List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ScoredTransaction t = events.transaction(i);
            ids.add(t.id());
            futures.add(producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_SCORED.name(), t.transaction().transaction().accountId(),
                    Topics.TRANSACTIONS_SCORED.jsonValueSerde().encode(t))));
        }
        for (int i = 0; i < futures.size(); i++) sent.put(ids.get(i), futures.get(i).get(30, TimeUnit.SECONDS));
    }

    private List<DeadLetter> readDeadLetters(List<RecordMetadata> sources) {
        Map<String, Object> props = support.infra.kafka().consumer("it-dlq-reader", TestInfrastructure.uniqueId("it-dlq"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> c = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.INDEXER_DLQ.valueSerde().deserializer())) {
            c.subscribe(List.of(Topics.INDEXER_DLQ.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, DeadLetter> r : c.poll(Duration.ofMillis(200))) {
                    DeadLetter d = r.value();
                    if (d.sourceTopic().equals(Topics.TRANSACTIONS_SCORED.name()) && sources.stream().anyMatch(m ->
                            m.partition() == d.sourcePartition() && m.offset() == d.sourceOffset())) found.add(d);
                }
                return found.size() >= sources.size();
            });
        }
        return found;
    }
}
