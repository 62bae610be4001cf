package io.vigil.indexer.bench;

import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.Attribution;
import io.vigil.topics.events.AuditOutcome;
import io.vigil.topics.events.AuditRecord;
import io.vigil.topics.events.CleanNewsArticle;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.DeidentifiedNote;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.DriftMetric;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.FairnessMetric;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.Protection;
import io.vigil.topics.events.PublicAggregate;
import io.vigil.topics.events.ReleaseAction;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.ReviewReason;
import io.vigil.topics.events.Score;
import io.vigil.topics.events.ScoredNewsArticle;
import io.vigil.topics.events.ScoredNote;
import io.vigil.topics.events.ScoredTransaction;
import io.vigil.topics.events.ScoringMode;
import io.vigil.topics.events.Severity;
import io.vigil.topics.events.Transaction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic events of every indexed type, deterministic for a seed: what the scored topics, alerts, analysts and
 * the model registry produce. Used by the bench and by the tests that replay a slice through Kafka.
 */
public final class SampleEvents {

    private static final String[] TICKERS = {"ACME", "GLOBX", "INIT", "UMBR", "WAYN"};
    private static final String[] NEWS_SOURCES = {"rss:reuters-markets", "rss:ft-companies", "http", "replay:fnspid"};
    private static final String[] HEADLINES = {
            "%s shares slump after profit warning", "%s beats quarterly estimates", "%s names new chief financial officer",
            "Regulator opens probe into %s accounting", "%s announces share buyback", "%s recalls products over safety fault"};
    private static final String[] TXN_TYPES = {"PAYMENT", "TRANSFER", "CASH_OUT", "DEBIT", "CARD"};
    private static final String[] CATEGORIES = {"grocery_pos", "gas_transport", "shopping_net", "misc_net", "travel"};
    private static final String[] SPECIALTIES = {"cardiology", "emergency", "oncology", "general"};
    private static final String[] NOTE_LABELS = {"routine", "elevated", "urgent"};
    private static final String[] NOTE_TEXTS = {
            "[NAME] seen on [DATE] with chest pain radiating to left arm, troponin pending.",
            "Follow-up visit, blood pressure stable, continue current medication.",
            "Patient reports shortness of breath at rest since [DATE]; oxygen saturation 88%."};

    private final Random random;
    private final Instant start;
    private final String prefix;

    /** @param prefix prepended to every id, so a test finds its own events among others' */
    public SampleEvents(long seed, Instant start, String prefix) {
        this.random = new Random(seed);
        this.start = start;
        this.prefix = prefix;
    }

    private Instant at(int i) {
        return start.plus(Duration.ofSeconds(37L * i + random.nextInt(30)));
    }

    private Score score(String label, double p, String model, String version, List<Attribution> why) {
        return new Score(label, null, p, model, version, why, 2 + random.nextDouble() * 20, Instant.now(), ScoringMode.MODEL);
    }

    public ScoredNewsArticle news(int i) {
        String ticker = TICKERS[i % TICKERS.length];
        String title = HEADLINES[random.nextInt(HEADLINES.length)].formatted(ticker);
        CleanNewsArticle a = new CleanNewsArticle(prefix + "news-" + i, at(i), NEWS_SOURCES[i % NEWS_SOURCES.length], 1, title,
                null, "https://news.example/" + i, "en", List.of(ticker), null, List.of(ticker + " Corp"), ticker);
        String[] labels = {"negative", "neutral", "positive"};
        String label = title.contains("slump") || title.contains("probe") || title.contains("recall") ? "negative"
                : labels[random.nextInt(3)];
        double p = 0.5 + random.nextDouble() / 2;
        Score s = new Score(label, Map.of(label, p), p, "news-sentiment", "v" + (1 + i % 2),
                List.of(new Attribution(title.split(" ")[1], 0.4, 0, 5)), 1 + random.nextDouble() * 10, Instant.now(), ScoringMode.MODEL);
        return ScoredNewsArticle.of(a, s, "inference");
    }

    public ScoredTransaction transaction(int i) {
        return transaction(i, Map.of("gender", i % 2 == 0 ? "female" : "male", "ageBand", "30-49"));
    }

    /** A scored transaction with the given fairness groups (a test passes dotted keys to provoke a mapping error). */
    public ScoredTransaction transaction(int i, Map<String, String> groups) {
        BigDecimal amount = BigDecimal.valueOf(5 + random.nextDouble() * 4000).setScale(2, RoundingMode.HALF_UP);
        Transaction t = new Transaction(prefix + "txn-" + i, at(i), "replay:paysim", 1, "acct-" + (i % 50), "merchant-" + (i % 17),
                amount, "USD", TXN_TYPES[i % TXN_TYPES.length], CATEGORIES[i % CATEGORIES.length], groups, null, null, null);
        EnrichedTransaction e = new EnrichedTransaction(t.id(), t.eventTime(), "ingest", 1, t,
                Map.of("amount", amount.doubleValue(), "velocity1h", (double) random.nextInt(12)), "txn-features-v1");
        double risk = Math.min(1, amount.doubleValue() / 5000 + random.nextDouble() * 0.3);
        return ScoredTransaction.of(e, score(risk > 0.5 ? "fraud" : "legit", risk, "txn-fraud", "v1",
                List.of(new Attribution("amount", risk, null, null))), "inference");
    }

    public ScoredNote note(int i) {
        String label = NOTE_LABELS[i % NOTE_LABELS.length];
        DeidentifiedNote n = new DeidentifiedNote(prefix + "note-" + i, at(i), "fhir", 1, "pp-" + Integer.toHexString(1000 + i % 40),
                NOTE_TEXTS[i % NOTE_TEXTS.length], SPECIALTIES[i % SPECIALTIES.length], "progress", Map.of("ageBand", "50-69"),
                Map.of("NAME", 1, "DATE", 1), "deid-v1");
        return ScoredNote.of(n, score(label, 0.55 + random.nextDouble() * 0.45, "note-risk", "v1",
                List.of(new Attribution("chest pain", 0.6, 0, 10))), "inference");
    }

    public Alert alert(int i) {
        Severity severity = Severity.values()[i % Severity.values().length];
        Domain domain = Domain.values()[i % Domain.values().length];
        Instant t = at(i);
        return new Alert(prefix + "alert-" + i, t, "alerts", 1, i % 10 == 9 ? "fairness-disparity" : domain == Domain.NOTES ? "urgent-note" : "high-risk-velocity", domain,
                domain == Domain.TRANSACTIONS ? "acct-" + (i % 50) : "pp-" + (i % 9), severity, AlertStatus.NEW,
                "Alert " + i + " on " + domain.name().toLowerCase(), null, t.minusSeconds(300), t, 3 + i % 5, 0.9, 0.8,
                List.of(prefix + "evt-" + i), "v1");
    }

    public ReviewItem review(int i) {
        Domain domain = Domain.values()[i % Domain.values().length];
        return new ReviewItem(prefix + "review-" + i, at(i), "feedback", 1, domain, prefix + "evt-" + i,
                ReviewReason.values()[i % ReviewReason.values().length], random.nextDouble(), "news-sentiment", "v" + (1 + i % 2),
                "negative", random.nextDouble(), null, List.of(), "Headline under review " + i, null);
    }

    public Correction correction(int i) {
        return new Correction(prefix + "corr-" + i, at(i), "feedback", 1, Domain.NEWS, prefix + "evt-" + i, "news-sentiment",
                "v" + (1 + i % 2), "negative", i % 3 == 0 ? "negative" : "neutral", "analyst-" + (i % 4), null, null, null);
    }

    public ModelRelease release(int i) {
        String version = "v" + (i + 1);
        return new ModelRelease(prefix + "rel-" + i, at(i), "feedback", 1, i % 2 == 0 ? "news-sentiment" : "txn-fraud", version,
                i == 0 ? null : "v" + i, ReleaseAction.PROMOTE, "models/" + version,
                Map.of("accuracy", 0.8 + random.nextDouble() * 0.15, "macroF1", 0.7 + random.nextDouble() * 0.2), null, "trainer");
    }

    public AuditRecord audit(int i) {
        return new AuditRecord(prefix + "audit-" + i, at(i), "feedback", 1, "analyst-" + (i % 4), "analyst", "correct",
                prefix + "evt-" + i, "v1", AuditOutcome.OK, Map.of("queue", "news"));
    }

    public DeadLetter deadLetter(int i) {
        // readable JSON with an id, so the dead letter keeps the original's id; the schema refuses the blank title
        byte[] bad = ("{\"id\":\"" + prefix + "bad-" + i + "\",\"title\":\" \"}").getBytes(StandardCharsets.UTF_8);
        return DeadLetter.of(at(i), "ingest", "news.raw", 0, (long) i, "$.title: must not be blank", i % 3 == 0 ? "binding" : "schema",
                bad, Protection.NONE, null);
    }

    /** One group's fairness window (monitors.fairness). */
    public FairnessMetric fairness(int i) {
        String[] groups = {"female", "male"};
        String g = groups[i % 2];
        Instant end = at(i);
        long n = 50 + random.nextInt(100);
        long flagged = random.nextInt((int) n / 4);
        double rate = (double) flagged / n;
        double ratio = 0.5 + random.nextDouble() / 2;
        return new FairnessMetric(prefix + "fair-" + i, end, "monitors", 1, i % 3 == 0 ? Domain.NOTES : Domain.TRANSACTIONS,
                i % 3 == 0 ? "note-risk" : "transaction-fraud", i % 4 < 2 ? "gender" : "ageBand", i % 4 < 2 ? g : "30-49",
                end.minusSeconds(3600), end, n, flagged, rate, random.nextDouble(), 20, 3, 2, 15, 5, 0.2, 0.4, "male",
                rate * (1 - ratio), ratio, random.nextDouble() * 0.2, ratio >= 0.8, ratio < 0.8 ? List.of("demographic-parity") : List.of());
    }

    /** One input's drift window (monitors.drift). */
    public DriftMetric drift(int i) {
        String[] features = {"log_amount", "hour_of_day", "score", "type"};
        String f = features[i % features.length];
        Instant end = at(i);
        double psi = random.nextDouble() * 0.4;
        boolean categorical = f.equals("type");
        return new DriftMetric(prefix + "drift-" + i, end, "monitors", 1, Domain.TRANSACTIONS, "transaction-fraud", "v1", f,
                categorical ? "categorical" : "numeric", end.minusSeconds(3600), end, 500, psi, categorical ? psi / 4 : null, 0.25,
                categorical ? 0.1 : null, psi > 0.25, List.of(0.5, 0.5), List.of(0.4, 0.6));
    }

    /** One cell of a differentially private summary (monitors.public). */
    public PublicAggregate publicAggregate(int i) {
        String[] rules = {"high-risk", "urgent-risk", "risk-velocity", "other"};
        Instant end = at(i);
        return new PublicAggregate(prefix + "pub-" + i, end, "monitors", 1, "alerts-per-rule-day", rules[i % rules.length],
                end.minus(Duration.ofDays(1)), end, "count", random.nextInt(100), "discrete-laplace", 0.5, 1, 2, 0.5 * (1 + i / 4), 10);
    }
}
