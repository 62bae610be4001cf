package io.vigil.inference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.platform.config.KafkaSettings;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.health.Health;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.kafka.EmbeddedKafka;
import io.vigil.platform.kafka.KafkaClients;
import io.vigil.platform.kafka.TopicBootstrap;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.Topic;
import io.vigil.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real embedded broker with the catalog's topics, plus produce/read helpers (read_committed). */
final class KafkaSupport implements AutoCloseable {

    final EmbeddedKafka kafka;
    final KafkaClients clients;
    private final KafkaProducer<String, byte[]> producer;

    KafkaSupport(Path dir) {
        kafka = EmbeddedKafka.builder(dir.resolve("kafka")).build().start();
        KafkaSettings ks = VigilConfig.defaults().bind("kafka", KafkaSettings.class).withBootstrapServers(kafka.bootstrapServers());
        clients = new KafkaClients(ks);
        try (Admin admin = clients.admin("test-bootstrap")) {
            new TopicBootstrap(admin).apply(TopicCatalog.standard().all());
        }
        Map<String, Object> p = clients.producer("test-producer");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024); // the 1 MB input test
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** A context whose config is the defaults plus these overrides (the same path as --set). */
    ServiceContext context(Path dataDir, Map<String, String> overrides, HttpApi http) {
        Map<String, String> o = new HashMap<>(overrides);
        o.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        VigilConfig config = VigilConfig.load(null, Map.of(), o);
        return new ServiceContext(config, clients, dataDir, new Health(), new SimpleMeterRegistry(), http);
    }

    <V> void send(Topic<String, V> topic, String key, V value) {
        sendRaw(topic, key, topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    void sendRaw(Topic<String, ?> topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a topic from the beginning (read_committed) until {@code done} holds or the timeout passes. */
    <V> List<ConsumerRecord<String, V>> readUntil(Topic<String, V> topic, Predicate<List<ConsumerRecord<String, V>>> done,
                                                  Duration timeout) {
        Map<String, Object> c = clients.consumer("test-reader", "test-" + UUID.randomUUID());
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    V v = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), v));
                }
                if (done.test(out)) break;
            }
        }
        return out;
    }

    @Override
    public void close() {
        producer.close();
        kafka.close();
    }
}
