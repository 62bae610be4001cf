package io.vigil.platform.streams;

import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For Streams apps that read topics written through the validating serdes (alerts, monitors): an undecodable
 * record is logged (the serdes' messages name fields and cut quoted values short: no payload text), counted and
 * skipped, so a bad record never stops the app. It is not dead-lettered again: it stays in its topic for inspection.
 * The counter (called with the topic) is handed over in the Streams config under {@link #COUNTER_CONFIG}.
 */
public final class SkipBadInputHandler implements DeserializationExceptionHandler {

    public static final String COUNTER_CONFIG = "vigil.streams.bad-input-counter";
    private static final Logger log = LoggerFactory.getLogger(SkipBadInputHandler.class);
    private Consumer<String> counter = topic -> {};

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs) {
        if (configs.get(COUNTER_CONFIG) instanceof Consumer<?> c) counter = (Consumer<String>) c;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        log.warn("Skipping undecodable record {}-{}@{}: {}", context.topic(), context.partition(), context.offset(),
                exception.getMessage());
        counter.accept(context.topic());
        return Response.resume();
    }
}
