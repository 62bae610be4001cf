package io.vigil.topics.events;

import io.vigil.topics.Samples;
import io.vigil.topics.serde.Json;
import io.vigil.topics.serde.Schemas;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordsTest {

    private static final Instant T = Instant.parse("2026-11-22T13:30:00Z");

    @Test
    void listsAndMapsAreCopiedAndImmutable() {
        List<String> tickers = new ArrayList<>(List.of("ACME"));
        NewsArticle a = new NewsArticle("n", T, "s", 1, "t", null, null, null, tickers, null);
        tickers.add("EVIL");
        assertThat(a.tickers()).containsExactly("ACME");
        assertThatThrownBy(() -> a.tickers().add("X")).isInstanceOf(UnsupportedOperationException.class);

        Map<String, Double> features = new HashMap<>(Map.of("amount", 1.0));
        EnrichedTransaction e = new EnrichedTransaction("t", T, "s", 1, Samples.transaction(), features, "v1");
        features.put("leak", 2.0);
        assertThat(e.features()).containsOnlyKeys("amount");
    }

    @Test
    void requiredFieldsAndEnvelopeAreChecked() {
        assertThatThrownBy(() -> new NewsArticle("n", T, "s", 1, null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("title is required");
        assertThatThrownBy(() -> new NewsArticle("n", null, "s", 1, "t", null, null, null, null, null))
                .hasMessage("eventTime is required");
        assertThatThrownBy(() -> new NewsArticle("n", T, "s", 0, "t", null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, String> withNull = new HashMap<>();
        withNull.put("gender", null);
        assertThatThrownBy(() -> new AuditRecord("a", T, "s", 1, "x", "r", "act", null, null, AuditOutcome.OK, withNull))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("gender");
    }

    @Test
    void crossFieldRules() {
        assertThatThrownBy(() -> Attribution.token("x", 1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Alert("a", T, "s", 1, "r", Domain.NEWS, "k", Severity.INFO, AlertStatus.NEW, "t",
                null, T, T.minusSeconds(1), 1, null, null, List.of("e"), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entityKeyRule() {
        assertThat(CleanNewsArticle.entityKeyOf(List.of("ACME"), List.of("Acme Corp"))).isEqualTo("ACME");
        assertThat(CleanNewsArticle.entityKeyOf(List.of(), List.of("Acme Corp"))).isEqualTo("Acme Corp");
        assertThat(CleanNewsArticle.entityKeyOf(List.of(), List.of())).isEqualTo("_none");
    }

    @Test
    void scoredEventsKeepTheScoredEventsId() {
        ScoredNote s = ScoredNote.of(Samples.deidentifiedNote(), Samples.score(), "inference");
        assertThat(s.id()).isEqualTo(Samples.deidentifiedNote().id());
        assertThat(s.eventTime()).isEqualTo(Samples.deidentifiedNote().eventTime());
        assertThat(s.source()).isEqualTo("inference");
    }

    @Test
    void clinicalNoteToStringWithholdsPhi() {
        assertThat(Samples.clinicalNote().toString()).doesNotContain("patient-7").doesNotContain("chest pain");
    }

    /** Java enums and the schemas' enums list the same lower-case values. */
    @Test
    void enumsMatchTheSchemas() {
        check(Sentiment.values(), "NewsArticle", "label");
        check(Sex.values(), "ClinicalNote", "patientSex");
        check(ScoringMode.values(), "Score", "mode");
        check(ReviewReason.values(), "ReviewItem", "reason");
        check(Severity.values(), "Alert", "severity");
        check(AlertStatus.values(), "Alert", "status");
        check(ReleaseAction.values(), "ModelRelease", "action");
        check(AuditOutcome.values(), "AuditRecord", "outcome");
        check(Protection.values(), "DeadLetter", "protection");
        assertThat(Json.mapper().convertValue(ReviewReason.HIGH_RISK, String.class)).isEqualTo("high_risk");
        assertThat(Json.mapper().convertValue("low_confidence", ReviewReason.class)).isEqualTo(ReviewReason.LOW_CONFIDENCE);
        List<String> domains = new ArrayList<>();
        Schemas.get("Common").getSchemaNode().at("/$defs/domain/enum").forEach(n -> domains.add(n.asText()));
        assertThat(domains).containsExactly("news", "transactions", "notes");
        assertThat(Domain.values()).extracting(Domain::wire).containsExactlyElementsOf(domains);
    }

    private static void check(Enum<?>[] values, String type, String property) {
        List<String> schema = new ArrayList<>();
        Schemas.get(type).getSchemaNode().at("/properties/" + property + "/enum").forEach(n -> {
            if (!n.isNull()) schema.add(n.asText());
        });
        List<String> java = new ArrayList<>();
        for (Enum<?> v : values) java.add(Json.mapper().convertValue(v, String.class));
        assertThat(java).as(type + "." + property).containsExactlyElementsOf(schema);
    }
}
