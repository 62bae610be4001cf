package io.vigil.alerts.rules;

import io.vigil.platform.streams.EventTimeExtractor;
import io.vigil.topics.Topic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

import java.util.HashMap;
import java.util.Map;

/** The input streams, one source per topic however many rules read it, all on event time. */
public final class RuleInputs {

    private final StreamsBuilder builder;
    private final Map<String, KStream<String, ?>> streams = new HashMap<>();

    public RuleInputs(StreamsBuilder builder) {
        this.builder = builder;
    }

    @SuppressWarnings("unchecked")
    public <V> KStream<String, V> stream(Topic<String, V> topic) {
        return (KStream<String, V>) streams.computeIfAbsent(topic.name(), n -> builder
                .stream(n, Consumed.with(topic.keySerde(), topic.valueSerde())
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName("source-" + n))
                // a tombstone carries nothing to alert on
                .filter((k, v) -> v != null, org.apache.kafka.streams.kstream.Named.as("non-null-" + n)));
    }
}
