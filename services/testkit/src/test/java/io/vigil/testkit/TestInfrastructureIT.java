package io.vigil.testkit;

import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.topics.Topics;
import io.vigil.topics.events.AuditOutcome;
import io.vigil.topics.events.AuditRecord;
import io.vigil.topics.indices.IndexCatalog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TestInfrastructureIT {

    final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void isSharedPerJvm() {
        assertThat(TestInfrastructure.shared()).isSameAs(infra);
        assertThat(infra.mode()).isIn("embedded", "docker");
    }

    @Test
    void handsOutARealKafkaWithTheCatalogsTopics() throws Exception {
        String id = TestInfrastructure.uniqueId("audit");
        AuditRecord record = new AuditRecord(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), "testkit", 1,
                "tester", "admin", "check", null, null, AuditOutcome.OK, Map.of());
        try (KafkaProducer<String, AuditRecord> producer = new KafkaProducer<>(infra.kafka().producer("testkit"),
                Topics.AUDIT.keySerde().serializer(), Topics.AUDIT.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.AUDIT.name(), id, record)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, AuditRecord> consumer = new KafkaConsumer<>(
                infra.kafka().consumer("testkit", TestInfrastructure.uniqueId("group")),
                Topics.AUDIT.keySerde().deserializer(), Topics.AUDIT.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT.name()));
            AuditRecord found = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, AuditRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key().equals(id)) found = r.value();
                }
            }
            assertThat(found).isEqualTo(record);
        }
    }

    @Test
    void handsOutARealElasticsearchWithTheIndexTemplates() throws Exception {
        var es = infra.elasticsearch();
        assertThat(es.ping().value()).isTrue();
        var family = IndexCatalog.standard().family("vigil-audit");
        for (var f : IndexCatalog.standard().families()) {
            assertThat(es.indices().existsIndexTemplate(b -> b.name(f.name())).value()).as(f.name()).isTrue();
        }
        String id = TestInfrastructure.uniqueId("doc");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode doc = (ObjectNode) Topics.AUDIT.jsonValueSerde().toTree(new AuditRecord(id, now, "testkit", 1,
                "tester", "admin", "check", null, null, AuditOutcome.OK, Map.of()));
        es.index(i -> i.index(family.dailyIndex(now)).id(id).document(doc).refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
        GetResponse<ObjectNode> got = es.get(g -> g.index(family.dailyIndex(now)).id(id), ObjectNode.class);
        assertThat(got.found()).isTrue();
        assertThat(got.source().get("actor").asText()).isEqualTo("tester");
    }
}
