package io.vigil.topics.events;

import java.time.Instant;

/** A {@link EnrichedTransaction} with its fraud risk {@link Score} ({@code transactions.scored}). */
public record ScoredTransaction(String id, Instant eventTime, String source, int version, EnrichedTransaction transaction, Score score)
        implements Event {

    public ScoredTransaction {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(transaction, "transaction");
        Fields.required(score, "score");
    }

    /** The scored event keeps the id and event time of the event it scored: one id end to end. */
    public static ScoredTransaction of(EnrichedTransaction transaction, Score score, String source) {
        return new ScoredTransaction(transaction.id(), transaction.eventTime(), source, CURRENT_VERSION, transaction, score);
    }
}
