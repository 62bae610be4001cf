package io.vigil.ingest.stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Streams' production handler for the ingest apps: an output that fails its own schema on serialisation (a
 * bug in a step, which the contract's serde catches) or a record too large for the broker is logged by topic
 * and kind (never the value: it may be a note) and skipped, so one bad record cannot stop the pipeline; other
 * send errors fail the task and Streams retries/replaces the thread (EOS keeps that exactly-once). Input never
 * reaches a deserialiser that can throw: the topologies consume bytes and validate in a processor.
 */
public final class StreamsErrors implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamsErrors.class);
    /** Counts what was skipped, for tests and metrics; the app registers a gauge on it. */
    public static final java.util.concurrent.atomic.AtomicLong SKIPPED = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            SKIPPED.incrementAndGet();
            log.error("skipped a record too large for {}: {}", record.topic(), exception.getClass().getSimpleName());
            return Response.resume();
        }
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        SKIPPED.incrementAndGet();
        log.error("skipped a record that failed {} serialisation for {} (processor {}): {}", origin, record.topic(),
                context.processorNodeId(), exception.getClass().getSimpleName());
        return Response.resume();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}
