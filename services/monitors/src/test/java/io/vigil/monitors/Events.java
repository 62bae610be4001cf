package io.vigil.monitors;

import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.DeidentifiedNote;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.Score;
import io.vigil.topics.events.ScoredNote;
import io.vigil.topics.events.ScoredTransaction;
import io.vigil.topics.events.ScoringMode;
import io.vigil.topics.events.Severity;
import io.vigil.topics.events.Transaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test events with only what the monitors read filled in meaningfully. */
final class Events {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private Events() {
    }

    static Instant min(double minutes) {
        return T0.plusMillis((long) (minutes * 60_000));
    }

    static Score score(String model, String version, String label, double score) {
        return new Score(label, null, score, model, version, List.of(), 1.0, T0, ScoringMode.MODEL);
    }

    static ScoredTransaction txn(String id, Instant at, String type, Map<String, String> groups, Map<String, Double> features,
                                 Score score) {
        Transaction t = new Transaction(id, at, "test", 1, "acct-" + id, "merchant", new BigDecimal("10.00"), "USD", type,
                null, groups, null, null, null);
        EnrichedTransaction e = new EnrichedTransaction(id, at, "test", 1, t, features, "txn-features-v1");
        return new ScoredTransaction(id, at, "test", 1, e, score);
    }

    static ScoredTransaction txn(String id, Instant at, Map<String, String> groups, boolean fraud, double score) {
        return txn(id, at, "CARD", groups, Map.of("log_amount", 2.0), score("transaction-fraud", "v2", fraud ? "fraud" : "legit", score));
    }

    static ScoredNote note(String id, Instant at, String specialty, Map<String, String> groups, String label, double score) {
        DeidentifiedNote n = new DeidentifiedNote(id, at, "test", 1, "p-" + id, "Patient reports chest pain.", specialty,
                "progress", groups, Map.of(), "deid-v1");
        return new ScoredNote(id, at, "test", 1, n, score("note-risk", "v1", label, score));
    }

    static Correction correction(String id, Instant at, String eventId, String original, String corrected, Map<String, String> groups) {
        return new Correction(id, at, "feedback", 1, Domain.TRANSACTIONS, eventId, "transaction-fraud", "v2", original,
                corrected, "analyst-1", null, null, groups);
    }

    static Alert alert(String id, Instant at, String rule) {
        return new Alert(id, at, "alerts", 1, rule, Domain.TRANSACTIONS, "C1", Severity.WARNING, AlertStatus.NEW, "t", null,
                null, null, 1, null, null, List.of("e-" + id), null);
    }
}
