package io.vigil.topics.events;

import java.time.Instant;

/** The envelope every top-level event carries (see topics/README.md). */
public interface Event {

    /** Schema version of every event type today. */
    int CURRENT_VERSION = 1;

    /** Stable id: the idempotency key end to end (Kafka dedupe, Elasticsearch {@code _id}). */
    String id();

    /** When it happened, not when it was processed. */
    Instant eventTime();

    /** Where it came from: {@code rss:<feed>}, {@code http}, {@code replay:paysim}, a service name, ... */
    String source();

    /** Schema version of this event type. */
    int version();
}
