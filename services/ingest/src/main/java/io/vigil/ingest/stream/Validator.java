package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.topics.serde.DecodeResult;
import io.vigil.topics.serde.JsonSerde;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import io.vigil.topics.events.Event;

import java.time.Duration;
import java.util.function.Function;

/**
 * Decodes raw bytes with the topic's validating serde ({@link JsonSerde#tryDecode}); anything invalid, or
 * refused by {@code rule} (a fixed error type, or null to accept), becomes a dead letter. Tombstones are dropped.
 */
final class Validator<T> implements FixedKeyProcessor<String, byte[], Checked<T>> {

    /** Why a domain rule (beyond the schema) refused an event; {@code reason} is a fixed text, never input. */
    record Rejection(String errorType, String reason) {
    }

    /**
     * Event times further ahead of this clock are refused: the broker rejects record timestamps more than
     * an hour ahead (log.message.timestamp.after.max.ms), so one skewed client clock would otherwise stop
     * every downstream application that stamps records with event time.
     */
    static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(15);

    private final JsonSerde<T> serde;
    private final DeadLetters letters;
    private final Function<T, Rejection> rule;
    private final IngestMetrics metrics;
    private final String domain;
    private FixedKeyProcessorContext<String, Checked<T>> context;

    Validator(JsonSerde<T> serde, DeadLetters letters, Function<T, Rejection> rule, IngestMetrics metrics, String domain) {
        this.serde = serde;
        this.letters = letters;
        this.rule = rule;
        this.metrics = metrics;
        this.domain = domain;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<T>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        byte[] bytes = record.value();
        if (bytes == null) return;
        metrics.in(domain);
        Checked<T> out = switch (serde.tryDecode(bytes)) {
            case DecodeResult.Valid<T> v when v.value() == null -> null;
            case DecodeResult.Valid<T> v -> {
                Rejection r = futureEventTime(v.value(), context.currentSystemTimeMs());
                if (r == null && rule != null) r = rule.apply(v.value());
                yield r == null ? new Checked.Ok<>(v.value(), bytes)
                        : new Checked.Rejected<>(letters.rejected(context.recordMetadata(), r.reason(), r.errorType(), bytes));
            }
            case DecodeResult.Invalid<T> i -> new Checked.Rejected<>(letters.invalid(context.recordMetadata(), i, bytes));
        };
        if (out != null) context.forward(record.withValue(out));
    }

    static Rejection futureEventTime(Object value, long nowMs) {
        if (value instanceof Event e && e.eventTime().toEpochMilli() > nowMs + MAX_FUTURE_SKEW.toMillis()) {
            return new Rejection("future-event-time",
                    "$.eventTime is more than " + MAX_FUTURE_SKEW.toMinutes() + " minutes ahead of this clock");
        }
        return null;
    }
}
