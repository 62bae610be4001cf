package io.vigil.alerts;

import io.vigil.platform.streams.SkipBadInputHandler;
import io.vigil.alerts.rules.AlertRule;
import io.vigil.alerts.rules.AlertRules;
import io.vigil.alerts.rules.RuleInputs;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.util.Properties;

/**
 * The alert topology: every enabled rule reads its scored topic on event time, matches, passes suppression,
 * and writes to {@code alerts} keyed by {@code <rule>|<key>}. Pure: the same rules give the same topology,
 * which runs as well on a TopologyTestDriver as on a cluster.
 */
public final class AlertsTopology {

    private AlertsTopology() {
    }

    public static Topology build(AlertRules rules, AlertMeters meters) {
        if (rules.enabled().isEmpty()) throw new IllegalArgumentException("no alert rule is enabled: " + rules);
        StreamsBuilder builder = new StreamsBuilder();
        RuleInputs inputs = new RuleInputs(builder);
        for (AlertRule rule : rules.enabled()) {
            rule.build(inputs, meters)
                    .map((k, alert) -> KeyValue.pair(AlertIds.recordKey(alert.rule(), alert.key()), alert),
                            Named.as(rule.id() + "-key"))
                    .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                            .withName(rule.id() + "-sink"));
        }
        return builder.build();
    }

    /**
     * What the topology needs on top of the platform's Streams properties (exactly-once v2 from
     * {@code KafkaClients.streams}): the bad-input handler and no record cache, so an alert leaves on the
     * record that fired it instead of at the next cache flush.
     */
    public static Properties configure(Properties base, AlertMeters meters) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipBadInputHandler.class);
        p.put(SkipBadInputHandler.COUNTER_CONFIG, (java.util.function.Consumer<String>) meters::badInput);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true); // no global stores; silences a 4.x warning
        return p;
    }
}
