package io.vigil.topics;

import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AuditRecord;
import io.vigil.topics.events.CleanNewsArticle;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.DeidentifiedNote;
import io.vigil.topics.events.DriftMetric;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.FairnessMetric;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.NewsArticle;
import io.vigil.topics.events.PublicAggregate;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.ScoredNewsArticle;
import io.vigil.topics.events.ScoredNote;
import io.vigil.topics.events.ScoredTransaction;
import io.vigil.topics.events.Transaction;
import io.vigil.topics.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One typed handle per topic of the catalog ({@code vigil/topics.yaml}). Keys are strings; values are the
 * event records with validating JSON serdes. TopicsTest checks this class against the catalog both ways.
 */
public final class Topics {

    private static final List<Topic<String, ?>> ALL = new ArrayList<>();
    // one serde per value type, shared by the topics that carry it (e.g. the dead-letter topics)
    private static final Map<Class<?>, JsonSerde<?>> SERDES = new ConcurrentHashMap<>();

    // raw sources
    public static final Topic<String, NewsArticle> NEWS_RAW = topic("news.raw", NewsArticle.class);
    public static final Topic<String, Transaction> TRANSACTIONS_RAW = topic("transactions.raw", Transaction.class);
    public static final Topic<String, ClinicalNote> NOTES_RAW = topic("notes.raw", ClinicalNote.class);
    // cleaned / enriched / de-identified
    public static final Topic<String, CleanNewsArticle> NEWS_CLEAN = topic("news.clean", CleanNewsArticle.class);
    public static final Topic<String, EnrichedTransaction> TRANSACTIONS_ENRICHED = topic("transactions.enriched", EnrichedTransaction.class);
    public static final Topic<String, DeidentifiedNote> NOTES_DEID = topic("notes.deid", DeidentifiedNote.class);
    // scored
    public static final Topic<String, ScoredNewsArticle> NEWS_SCORED = topic("news.scored", ScoredNewsArticle.class);
    public static final Topic<String, ScoredTransaction> TRANSACTIONS_SCORED = topic("transactions.scored", ScoredTransaction.class);
    public static final Topic<String, ScoredNote> NOTES_SCORED = topic("notes.scored", ScoredNote.class);
    // analysts, alerts, models, audit
    public static final Topic<String, ReviewItem> REVIEW_ITEMS = topic("review.items", ReviewItem.class);
    public static final Topic<String, Correction> FEEDBACK_CORRECTIONS = topic("feedback.corrections", Correction.class);
    public static final Topic<String, Alert> ALERTS = topic("alerts", Alert.class);
    public static final Topic<String, ModelRelease> MODELS_RELEASES = topic("models.releases", ModelRelease.class);
    public static final Topic<String, AuditRecord> AUDIT = topic("audit", AuditRecord.class);
    // responsible-AI monitors
    public static final Topic<String, FairnessMetric> MONITORS_FAIRNESS = topic("monitors.fairness", FairnessMetric.class);
    public static final Topic<String, DriftMetric> MONITORS_DRIFT = topic("monitors.drift", DriftMetric.class);
    public static final Topic<String, PublicAggregate> MONITORS_PUBLIC = topic("monitors.public", PublicAggregate.class);
    // dead letters
    public static final Topic<String, DeadLetter> INGEST_DLQ = topic("ingest.dlq", DeadLetter.class);
    public static final Topic<String, DeadLetter> INFERENCE_DLQ = topic("inference.dlq", DeadLetter.class);
    public static final Topic<String, DeadLetter> INDEXER_DLQ = topic("indexer.dlq", DeadLetter.class);
    public static final Topic<String, DeadLetter> ALERTS_DLQ = topic("alerts.dlq", DeadLetter.class);

    private static final List<Topic<String, ?>> ALL_VIEW = Collections.unmodifiableList(ALL);

    private Topics() {
    }

    /** Every topic, in catalog order. */
    public static List<Topic<String, ?>> all() {
        return ALL_VIEW;
    }

    /** The handle of a topic by name (for tools that take a name, e.g. a replay CLI). */
    public static Topic<String, ?> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no topic '" + name + "' in Topics"));
    }

    /** The shared validating serde of an event type. */
    @SuppressWarnings("unchecked")
    public static <V> JsonSerde<V> serdeOf(Class<V> type) {
        return (JsonSerde<V>) SERDES.computeIfAbsent(type, JsonSerde::of);
    }

    private static <V> Topic<String, V> topic(String name, Class<V> valueType) {
        TopicSpec spec = TopicCatalog.standard().get(name);
        // fail at class initialisation if this file and topics.yaml disagree
        if (!spec.valueType().equals(valueType.getSimpleName()))
            throw new IllegalStateException("topic " + name + " carries " + spec.valueType() + " in the catalog, not "
                    + valueType.getSimpleName());
        Serde<String> keys = Serdes.String();
        Topic<String, V> t = new Topic<>(name, keys, serdeOf(valueType), spec);
        ALL.add(t);
        return t;
    }
}
