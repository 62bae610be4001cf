package io.vigil.topics.events;

import java.time.Instant;
import java.util.List;

/**
 * An alert fired by an alert rule ({@code alerts}).
 *
 * @param key          the entity, account or patient pseudonym it is about
 * @param description  nullable
 * @param windowStart  nullable
 * @param windowEnd    nullable; not before {@code windowStart}
 * @param count        events counted, >= 0
 * @param value        nullable, the measured value
 * @param threshold    nullable, the threshold it crossed
 * @param eventIds     the events that fired it; never empty
 * @param modelVersion nullable
 */
public record Alert(String id, Instant eventTime, String source, int version,
                    String rule, Domain domain, String key, Severity severity, AlertStatus status, String title,
                    String description, Instant windowStart, Instant windowEnd, long count, Double value,
                    Double threshold, List<String> eventIds, String modelVersion) implements Event {

    public Alert {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(rule, "rule");
        Fields.required(domain, "domain");
        Fields.required(key, "key");
        Fields.required(severity, "severity");
        Fields.required(status, "status");
        Fields.required(title, "title");
        if (windowStart != null && windowEnd != null && windowEnd.isBefore(windowStart))
            throw new IllegalArgumentException("windowEnd (" + windowEnd + ") must not be before windowStart (" + windowStart + ")");
        eventIds = Fields.copyRequired(eventIds, "eventIds");
    }
}
