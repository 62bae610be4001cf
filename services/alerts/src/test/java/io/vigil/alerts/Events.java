package io.vigil.alerts;

import io.vigil.topics.events.CleanNewsArticle;
import io.vigil.topics.events.DeidentifiedNote;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.Score;
import io.vigil.topics.events.ScoredNewsArticle;
import io.vigil.topics.events.ScoredNote;
import io.vigil.topics.events.ScoredTransaction;
import io.vigil.topics.events.ScoringMode;
import io.vigil.topics.events.Transaction;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Scored events for tests, at times relative to {@link #T0}. */
final class Events {

    /** Aligned to the hour, so 30-minute tumbling windows start at T0, T0+30m, ... */
    static final Instant T0 = Instant.parse("2026-11-22T13:00:00Z");

    private Events() {
    }

    static Instant at(Duration d) {
        return T0.plus(d);
    }

    static Instant min(double minutes) {
        return T0.plusMillis(Math.round(minutes * 60_000));
    }

    static Score score(String label, double score, String model, String version) {
        return new Score(label, null, score, model, version, List.of(), 3.0, T0, ScoringMode.MODEL);
    }

    static ScoredTransaction txn(String id, String account, Instant at, double risk) {
        Transaction t = new Transaction(id, at, "replay:test", 1, account, "M1", new BigDecimal("10.00"), "USD",
                "TRANSFER", null, null, null, null, null);
        EnrichedTransaction e = new EnrichedTransaction(id, at, "ingest", 1, t, Map.of("amount", 10.0), "txn-features-v1");
        return ScoredTransaction.of(e, score(risk >= 0.5 ? "fraud" : "legit", risk, "txn-fraud", "v7"), "inference");
    }

    static ScoredNewsArticle news(String id, String entity, Instant at, String label) {
        CleanNewsArticle a = new CleanNewsArticle(id, at, "rss:test", 1, "headline " + id, null, null, "en",
                List.of(entity), null, List.of(), entity);
        return ScoredNewsArticle.of(a, score(label, 0.8, "news-sentiment", "v3"), "inference");
    }

    static ScoredNote note(String id, String patient, Instant at, String label, double score) {
        DeidentifiedNote n = new DeidentifiedNote(id, at, "ingest", 1, patient, "[NAME] text", null, null, null,
                Map.of("NAME", 1), "deid-v1");
        return ScoredNote.of(n, score(label, score, "note-risk", "v2"), "inference");
    }
}
