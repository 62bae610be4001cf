package io.vigil.monitors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * An undecodable record is logged (the message names fields, never payload text), counted
 * ({@code vigil.monitors.bad.input}) and skipped: a bad record must not stop monitoring. The topics it reads are
 * written through the same validating serdes, so the record stays in its topic for inspection.
 */
public final class BadInputHandler implements DeserializationExceptionHandler {

    /** Streams config key carrying the {@link MonitorsMeters} to count with. */
    public static final String METERS_CONFIG = "vigil.monitors.meters";
    private static final Logger log = LoggerFactory.getLogger(BadInputHandler.class);
    private MonitorsMeters meters = MonitorsMeters.detached();

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(METERS_CONFIG) instanceof MonitorsMeters m) meters = m;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        log.warn("Skipping undecodable record {}-{}@{}: {}", context.topic(), context.partition(), context.offset(),
                exception.getMessage());
        meters.badInput(context.topic());
        return Response.resume();
    }
}
