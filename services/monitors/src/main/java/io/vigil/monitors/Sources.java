package io.vigil.monitors;

import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.ScoredNewsArticle;
import io.vigil.topics.events.ScoredNote;
import io.vigil.topics.events.ScoredTransaction;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

import java.util.HashMap;
import java.util.Map;

/** The topics the monitors read, each opened once (Streams allows one source per topic) and shared by the monitors. */
public final class Sources {

    private final StreamsBuilder builder;
    private final Map<String, KStream<String, ?>> streams = new HashMap<>();

    public Sources(StreamsBuilder builder) {
        this.builder = builder;
    }

    public StreamsBuilder builder() {
        return builder;
    }

    @SuppressWarnings("unchecked")
    private <V> KStream<String, V> open(Topic<String, V> t) {
        return (KStream<String, V>) streams.computeIfAbsent(t.name(), n -> builder.stream(n,
                Consumed.with(t.keySerde(), t.valueSerde()).withTimestampExtractor(new EventTimeExtractor())
                        .withName("source-" + n)));
    }

    public KStream<String, ScoredNewsArticle> news() {
        return open(Topics.NEWS_SCORED);
    }

    public KStream<String, ScoredTransaction> transactions() {
        return open(Topics.TRANSACTIONS_SCORED);
    }

    public KStream<String, ScoredNote> notes() {
        return open(Topics.NOTES_SCORED);
    }

    public KStream<String, Correction> corrections() {
        return open(Topics.FEEDBACK_CORRECTIONS);
    }

    public KStream<String, Alert> alerts() {
        return open(Topics.ALERTS);
    }
}
