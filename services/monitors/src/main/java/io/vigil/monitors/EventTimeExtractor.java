package io.vigil.monitors;

import io.vigil.topics.events.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** Windows follow when things happened: the event's {@code eventTime}, else the record timestamp, else stream time. */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Event e && e.eventTime() != null) return e.eventTime().toEpochMilli();
        if (record.timestamp() >= 0) return record.timestamp();
        return Math.max(partitionTime, 0);
    }
}
