package io.vigil.topics;

import io.vigil.topics.events.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A fully populated instance of every record: no optional field left null. */
public final class Samples {

    static final Instant T0 = Instant.parse("2026-11-22T13:30:00Z");
    static final Instant T1 = Instant.parse("2026-11-22T13:35:00.123456789Z");

    private Samples() {
    }

    public static NewsArticle newsArticle() {
        return new NewsArticle("news-1", T0, "rss:reuters", 1, "Acme beats estimates", "Acme Corp reported ...",
                "https://example.com/acme", "en-US", List.of("ACME"), Sentiment.POSITIVE);
    }

    public static Transaction transaction() {
        return new Transaction("txn-1", T0, "replay:paysim", 1, "C123", "M456", new BigDecimal("120.50"), "USD",
                "TRANSFER", "shopping_net", Map.of("gender", "F", "ageBand", "30-39", "state", "NY", "citySize", "large"),
                40.71, -74.0, false, new BigDecimal("980.00"));
    }

    public static ClinicalNote clinicalNote() {
        return new ClinicalNote("note-1", T0, "fhir", 1, "patient-7", "Pt reports chest pain since [DATE].",
                "cardiology", "progress", "enc-3", 64, Sex.FEMALE);
    }

    public static CleanNewsArticle cleanNewsArticle() {
        return new CleanNewsArticle("news-1", T0, "ingest", 1, "Acme beats estimates", "Acme Corp reported ...",
                "https://example.com/acme", "en", List.of("ACME"), Sentiment.POSITIVE, List.of("Acme Corp"), "ACME");
    }

    public static EnrichedTransaction enrichedTransaction() {
        return new EnrichedTransaction("txn-1", T0, "ingest", 1, transaction(),
                Map.of("amount", 120.5, "velocity1h", 3.0, "hourOfDay", 13.0), "txn-features-v1");
    }

    public static DeidentifiedNote deidentifiedNote() {
        return new DeidentifiedNote("note-1", T0, "ingest", 1, "pz-9f2c", "[NAME] reports chest pain since [DATE].",
                "cardiology", "progress", Map.of("ageBand", "60-69", "sex", "female"), Map.of("NAME", 1, "DATE", 1),
                "deid-v1");
    }

    public static Score score() {
        return new Score("positive", Map.of("negative", 0.05, "neutral", 0.15, "positive", 0.8), 0.8, "news-sentiment",
                "v3", List.of(Attribution.token("beats", 0.42, 5, 10), Attribution.feature("title_length", -0.1)),
                12.5, T1, ScoringMode.MODEL);
    }

    public static Attribution attribution() {
        return Attribution.token("beats", 0.42, 5, 10);
    }

    public static ScoredNewsArticle scoredNewsArticle() {
        return ScoredNewsArticle.of(cleanNewsArticle(), score(), "inference");
    }

    public static ScoredTransaction scoredTransaction() {
        return ScoredTransaction.of(enrichedTransaction(), score(), "inference");
    }

    public static ScoredNote scoredNote() {
        return ScoredNote.of(deidentifiedNote(), score(), "inference");
    }

    public static ReviewItem reviewItem() {
        return new ReviewItem("rev-1", T1, "feedback", 1, Domain.NEWS, "news-1", ReviewReason.LOW_CONFIDENCE, 0.9,
                "news-sentiment", "v3", "positive", 0.51, Map.of("positive", 0.51, "neutral", 0.49),
                List.of(Attribution.token("beats", 0.42, 5, 10)), "Acme beats estimates", Map.of("amount", 12.0));
    }

    public static Correction correction() {
        return new Correction("cor-1", T1, "feedback", 1, Domain.TRANSACTIONS, "txn-1", "txn-fraud", "v2", "legit",
                "fraud", "analyst-4", "card was stolen", "rev-1", Map.of("gender", "F"));
    }

    public static Alert alert() {
        return new Alert("alert-1", T1, "alerts", 1, "velocity", Domain.TRANSACTIONS, "C123", Severity.CRITICAL,
                AlertStatus.NEW, "5 transfers in 10 minutes", "Account C123 made 5 transfers", T0, T1, 5, 5.0, 3.0,
                List.of("txn-1", "txn-2"), "v2");
    }

    public static ModelRelease modelRelease() {
        return new ModelRelease("rel-1", T1, "feedback", 1, "news-sentiment", "v4", "v3", ReleaseAction.PROMOTE,
                "/data/models/news-sentiment/v4", Map.of("accuracy", 0.91, "macroF1", 0.88), "gate passed", "scheduler");
    }

    public static AuditRecord auditRecord() {
        return new AuditRecord("aud-1", T1, "feedback", 1, "analyst-4", "analyst", "correct", "txn-1", "v2",
                AuditOutcome.OK, Map.of("from", "legit", "to", "fraud"));
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.of(T1, "ingest", "news.raw", 2, 1234L, "$.title: is missing but it is required", "schema",
                "{\"id\":\"news-9\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), Protection.NONE, null);
    }

    public static FairnessMetric fairnessMetric() {
        return new FairnessMetric("fair-1", T1, "monitors", 1, Domain.TRANSACTIONS, "transaction-fraud", "gender", "F",
                T0, T1, 120, 12, 0.1, 0.21, 10, 2, 1, 6, 4, 2.0 / 6, 0.25, "M", 0.05, 0.5, 0.1, false,
                List.of("demographic-parity"));
    }

    public static DriftMetric driftMetric() {
        return new DriftMetric("drift-1", T1, "monitors", 1, Domain.TRANSACTIONS, "transaction-fraud", "v1", "type",
                "categorical", T0, T1, 500, 0.31, 0.12, 0.25, 0.1, true, List.of(0.5, 0.5, 0.0), List.of(0.2, 0.7, 0.1));
    }

    public static PublicAggregate publicAggregate() {
        return new PublicAggregate("pub-1", T1, "monitors", 1, "alerts-per-rule-day", "high-risk", T0, T1, "count", 41,
                "discrete-laplace", 1.0, 1.0, 1.0, 3.0, 10.0);
    }

    /** Every sample, by schema name. */
    public static Map<String, Object> all() {
        return Map.ofEntries(
                Map.entry("NewsArticle", newsArticle()), Map.entry("Transaction", transaction()),
                Map.entry("ClinicalNote", clinicalNote()), Map.entry("CleanNewsArticle", cleanNewsArticle()),
                Map.entry("EnrichedTransaction", enrichedTransaction()), Map.entry("DeidentifiedNote", deidentifiedNote()),
                Map.entry("Score", score()), Map.entry("Attribution", attribution()),
                Map.entry("ScoredNewsArticle", scoredNewsArticle()), Map.entry("ScoredTransaction", scoredTransaction()),
                Map.entry("ScoredNote", scoredNote()), Map.entry("ReviewItem", reviewItem()),
                Map.entry("Correction", correction()), Map.entry("Alert", alert()),
                Map.entry("ModelRelease", modelRelease()), Map.entry("AuditRecord", auditRecord()),
                Map.entry("DeadLetter", deadLetter()), Map.entry("FairnessMetric", fairnessMetric()),
                Map.entry("DriftMetric", driftMetric()), Map.entry("PublicAggregate", publicAggregate()));
    }
}
