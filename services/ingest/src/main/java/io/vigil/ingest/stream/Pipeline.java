package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.Event;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.time.Duration;
import java.util.function.Function;

/**
 * The shape every ingest topology shares: raw bytes -> validate -> dedupe -> (domain steps) -> sink, where
 * every rejection along the way reaches {@link Topics#INGEST_DLQ} keyed by the dead letter's id.
 */
final class Pipeline {

    private Pipeline() {
    }

    /** Raw topic as bytes (so a bad record can never fail deserialisation), validated and de-duplicated. */
    static <T extends Event> KStream<String, Checked<T>> source(StreamsBuilder builder, Topic<String, T> raw,
                                                              DeadLetters letters, Function<T, Validator.Rejection> rule,
                                                              Duration dedupeRetention, IngestMetrics metrics, String domain) {
        String store = domain + "-dedupe";
        builder.addStateStore(Deduplicator.store(store, dedupeRetention));
        return builder.stream(raw.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(domain + "-raw"))
                .processValues(() -> new Validator<>(raw.jsonValueSerde(), letters, rule, metrics, domain), Named.as(domain + "-validate"))
                .processValues(() -> new Deduplicator<T>(store, dedupeRetention, metrics, domain), Named.as(domain + "-dedupe"), store);
    }

    static <T, R> KStream<String, Checked<R>> step(KStream<String, Checked<T>> in, String name, Function<T, R> fn, DeadLetters letters) {
        return in.processValues(() -> new Step<>(name, fn, letters), Named.as(name));
    }

    /** Rejected records to the DLQ; the good ones' values go on (for steps after a repartition). */
    @SuppressWarnings("unchecked")
    static <R> KStream<String, R> deadLetterRejected(KStream<String, Checked<R>> in, IngestMetrics metrics, String domain, String name) {
        Topic<String, DeadLetter> dlq = Topics.INGEST_DLQ;
        in.filter((k, v) -> v instanceof Checked.Rejected<R>, Named.as(name + "-rejected"))
                .map((k, v) -> {
                    DeadLetter d = ((Checked.Rejected<R>) v).letter();
                    return KeyValue.pair(d.id(), d);
                }, Named.as(name + "-to-dlq"))
                .peek((k, d) -> metrics.deadLetter(domain, d.errorType()), Named.as(name + "-count-dlq"))
                .to(dlq.name(), Produced.with(dlq.keySerde(), dlq.valueSerde()).withName(name + "-dlq-sink"));
        return in.filter((k, v) -> v instanceof Checked.Ok<R>, Named.as(name + "-ok"))
                .mapValues(v -> ((Checked.Ok<R>) v).value(), Named.as(name + "-unwrap"));
    }

    /** Good records to {@code out} keyed by {@code key}; rejected ones to the DLQ. */
    @SuppressWarnings("unchecked")
    static <R> void sink(KStream<String, Checked<R>> in, Topic<String, R> out, Function<R, String> key,
                         IngestMetrics metrics, String domain) {
        Topic<String, DeadLetter> dlq = Topics.INGEST_DLQ;
        in.split(Named.as(domain + "-"))
                .branch((k, v) -> v instanceof Checked.Rejected<R>, Branched.withConsumer(s -> s
                        .map((k, v) -> {
                            DeadLetter d = ((Checked.Rejected<R>) v).letter();
                            return KeyValue.pair(d.id(), d);
                        }, Named.as(domain + "-to-dlq"))
                        .peek((k, d) -> metrics.deadLetter(domain, d.errorType()))
                        .to(dlq.name(), Produced.with(dlq.keySerde(), dlq.valueSerde())), "dlq"))
                .defaultBranch(Branched.withConsumer(s -> s
                        .map((k, v) -> {
                            R r = ((Checked.Ok<R>) v).value();
                            return KeyValue.pair(key.apply(r), r);
                        }, Named.as(domain + "-to-out"))
                        .peek((k, v) -> metrics.out(domain))
                        .to(out.name(), Produced.with(out.keySerde(), out.valueSerde())), "out"));
    }
}
