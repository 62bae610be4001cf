package io.vigil.platform.streams;

import io.vigil.topics.events.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for Kafka Streams: the event's own {@code eventTime}, so windows and suppression periods follow when
 * things happened, not when they were scored or replayed. Falls back to the record timestamp, then stream time.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Event e && e.eventTime() != null) return e.eventTime().toEpochMilli();
        if (record.timestamp() >= 0) return record.timestamp();
        return Math.max(partitionTime, 0);
    }
}
