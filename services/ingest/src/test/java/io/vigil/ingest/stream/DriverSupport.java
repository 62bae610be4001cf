package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

/** TopologyTestDriver plumbing shared by the topology tests: raw bytes in, typed records out. */
final class DriverSupport implements AutoCloseable {

    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> in;
    final TestOutputTopic<String, DeadLetter> dlq;
    final IngestMetrics metrics;

    DriverSupport(Topic<String, ?> raw, Topology topology, IngestMetrics metrics) {
        // wall clock = now: the future-event-time rule compares event times with it, and test events lie in the past
        this.driver = new TopologyTestDriver(topology, props(), Instant.now());
        this.in = driver.createInputTopic(raw.name(), new StringSerializer(), new ByteArraySerializer());
        this.dlq = driver.createOutputTopic(Topics.INGEST_DLQ.name(), new StringDeserializer(), Topics.INGEST_DLQ.valueSerde().deserializer());
        this.metrics = metrics;
    }

    static Properties props() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return IngestTopologies.withHandlers(p);
    }

    <V> TestOutputTopic<String, V> out(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
    }

    void pipe(String key, String json, Instant at) {
        in.pipeInput(key, json.getBytes(StandardCharsets.UTF_8), at);
    }

    void pipe(String key, byte[] bytes, Instant at) {
        in.pipeInput(key, bytes, at);
    }

    @Override
    public void close() {
        driver.close();
    }
}
