package io.vigil.ingest.stream;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.util.function.Function;

/**
 * A stateless transformation of good records; a step that throws dead-letters its record (error type
 * {@code processing}) instead of stopping the pipeline. The reason names the exception class only, since
 * a message may quote the input.
 */
final class Step<T, R> implements FixedKeyProcessor<String, Checked<T>, Checked<R>> {

    private final Function<T, R> fn;
    private final DeadLetters letters;
    private final String what;
    private FixedKeyProcessorContext<String, Checked<R>> context;

    Step(String what, Function<T, R> fn, DeadLetters letters) {
        this.what = what;
        this.fn = fn;
        this.letters = letters;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<R>> context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(FixedKeyRecord<String, Checked<T>> record) {
        Checked<R> out = switch (record.value()) {
            case Checked.Rejected<T> r -> (Checked<R>) (Checked<?>) r;
            case Checked.Ok<T> ok -> {
                try {
                    yield new Checked.Ok<>(fn.apply(ok.value()), ok.original());
                } catch (RuntimeException e) {
                    yield new Checked.Rejected<>(letters.rejected(context.recordMetadata(),
                            what + " failed: " + e.getClass().getSimpleName(), "processing", ok.original()));
                }
            }
        };
        context.forward(record.withValue(out));
    }
}
