package io.vigil.alerts;

import io.vigil.alerts.rules.AlertRules;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.ScoredNewsArticle;
import io.vigil.topics.events.ScoredNote;
import io.vigil.topics.events.ScoredTransaction;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.util.List;
import java.util.Properties;

/** The alert topology on a TopologyTestDriver, with the production Streams settings the topology adds. */
final class Harness implements AutoCloseable {

    final AlertMeters meters = AlertMeters.detached();
    final TopologyTestDriver driver;
    final TestInputTopic<String, ScoredTransaction> txns;
    final TestInputTopic<String, ScoredNewsArticle> news;
    final TestInputTopic<String, ScoredNote> notes;
    final TestOutputTopic<String, Alert> alerts;

    Harness(String rulesYaml) {
        AlertRules rules = AlertRules.parse(rulesYaml, "test");
        Properties base = new Properties();
        base.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test-" + java.util.UUID.randomUUID());
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        base.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(AlertsTopology.build(rules, meters), AlertsTopology.configure(base, meters));
        txns = input(Topics.TRANSACTIONS_SCORED);
        news = input(Topics.NEWS_SCORED);
        notes = input(Topics.NOTES_SCORED);
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> t) {
        return driver.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
    }

    TestInputTopic<String, byte[]> raw(Topic<String, ?> t) {
        return driver.createInputTopic(t.name(), new StringSerializer(), new ByteArraySerializer());
    }

    void pipe(ScoredTransaction t) {
        txns.pipeInput(t.transaction().transaction().accountId(), t);
    }

    void pipe(ScoredNewsArticle a) {
        news.pipeInput(a.article().entityKey(), a);
    }

    void pipe(ScoredNote n) {
        notes.pipeInput(n.note().patientPseudonym(), n);
    }

    List<TestRecord<String, Alert>> drain() {
        return alerts.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
