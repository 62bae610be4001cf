package io.vigil.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.indexer.bench.SampleEvents;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ScoredTransaction;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.serde.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-22T13:30:00Z");
    private final DocumentMapper mapper = new DocumentMapper(IndexCatalog.standard(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final SampleEvents events = new SampleEvents(1, Instant.parse("2026-11-20T23:59:00Z"), "t-");

    @Test
    void scoredEventBecomesItsJsonPlusTheTwoDates() throws Exception {
        ScoredTransaction t = events.transaction(1);
        byte[] bytes = Topics.TRANSACTIONS_SCORED.jsonValueSerde().encode(t);
        IndexDocument.Doc doc = (IndexDocument.Doc) mapper.map(Topics.TRANSACTIONS_SCORED.name(), bytes);
        assertThat(doc.id()).isEqualTo(t.id());
        assertThat(doc.index()).isEqualTo(IndexCatalog.standard().family("vigil-transactions").dailyIndex(t.eventTime()));
        JsonNode json = Json.mapper().readTree(doc.json());
        JsonNode original = Json.mapper().readTree(bytes);
        assertThat(json.get("@timestamp")).isEqualTo(original.get("eventTime"));
        assertThat(json.get("indexedAt").asText()).isEqualTo(NOW.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove(java.util.List.of("@timestamp", "indexedAt"));
        assertThat(json).as("nothing else added or changed").isEqualTo(original);
    }

    @Test
    void modelReleaseIdIsModelAndVersion() {
        ModelRelease r = events.release(2);
        IndexDocument.Doc doc = (IndexDocument.Doc) mapper.map(Topics.MODELS_RELEASES.name(), Topics.MODELS_RELEASES.jsonValueSerde().encode(r));
        assertThat(doc.id()).isEqualTo(r.model() + ":" + r.modelVersion());
        assertThat(mapper.map(Topics.MODELS_RELEASES.name(), null)).isInstanceOf(IndexDocument.Skip.class);
    }

    @Test
    void deadLetterOriginalIsNeverShipped() throws Exception {
        DeadLetter d = events.deadLetter(3);
        assertThat(d.originalBase64()).isNotNull();
        IndexDocument.Doc doc = (IndexDocument.Doc) mapper.map(Topics.INGEST_DLQ.name(), Topics.INGEST_DLQ.jsonValueSerde().encode(d));
        JsonNode json = Json.mapper().readTree(doc.json());
        assertThat(json.has("originalBase64")).isFalse();
        assertThat(json.get("originalSha256").asText()).isEqualTo(d.originalSha256());
        assertThat(doc.family().name()).isEqualTo("vigil-deadletters");
    }

    @Test
    void undecodableRecordIsRejectedWithTheSerdesReason() {
        IndexDocument r = mapper.map(Topics.NEWS_SCORED.name(), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(r).isInstanceOfSatisfying(IndexDocument.Reject.class, x -> {
            assertThat(x.errorType()).isEqualTo("malformed-json");
            assertThat(x.reason()).contains("news.scored");
        });
    }

    @Test
    void everyIndexedTopicHasAFamily() {
        assertThat(Topics.all().stream().filter(t -> mapper.indexes(t.name())).map(t -> t.name()))
                .contains("news.scored", "transactions.scored", "notes.scored", "alerts", "review.items",
                        "feedback.corrections", "models.releases", "audit", "indexer.dlq", "ingest.dlq")
                .doesNotContain("news.raw", "notes.raw");
    }
}
