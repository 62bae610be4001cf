package io.vigil.alerts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Undecodable input (not UTF-8, not JSON, off-schema) is logged, counted ({@code vigil.alerts.bad.input}) and
 * skipped: it must not stop alerting. It is not dead-lettered again here: the scored topics are written by
 * inference through the same validating serde, the record stays in its topic for inspection, and
 * {@code alerts.dlq} is reserved for alerts the notifier could not deliver.
 */
public final class BadInputHandler implements DeserializationExceptionHandler {

    /** Streams config key carrying the {@link AlertMeters} object to count with. */
    public static final String METERS_CONFIG = "vigil.alerts.meters";

    private static final Logger log = LoggerFactory.getLogger(BadInputHandler.class);
    private AlertMeters meters = AlertMeters.detached();

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(METERS_CONFIG) instanceof AlertMeters m) meters = m;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        // the message names fields and cuts quoted values short: no payload text reaches the log
        log.warn("Skipping undecodable record {}-{}@{}: {}", context.topic(), context.partition(), context.offset(),
                exception.getMessage());
        meters.badInput(context.topic());
        return Response.resume();
    }
}
