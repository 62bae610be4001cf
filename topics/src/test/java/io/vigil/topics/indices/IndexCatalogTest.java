package io.vigil.topics.indices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.topics.TopicCatalog;
import io.vigil.topics.TopicSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final IndexCatalog catalog = IndexCatalog.standard();

    @Test
    void declaresTheNineFamilies() {
        assertThat(catalog.families()).extracting(IndexFamily::name).containsExactly(
                "vigil-news", "vigil-transactions", "vigil-notes", "vigil-alerts", "vigil-reviews",
                "vigil-corrections", "vigil-models", "vigil-audit", "vigil-deadletters", "vigil-fairness", "vigil-drift",
                "vigil-public");
        assertThat(catalog.family("vigil-news").alias()).isEqualTo("vigil-news");
        assertThat(catalog.family("vigil-news").indexPattern()).isEqualTo("vigil-news-*");
        assertThatThrownBy(() -> catalog.family("vigil-nope")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void everySourceTopicExistsInTheTopicCatalog() {
        for (IndexFamily f : catalog.families()) {
            assertThat(f.sourceTopics()).as(f.name()).allSatisfy(t ->
                    assertThat(TopicCatalog.standard().contains(t)).as("topic %s of %s", t, f.name()).isTrue());
        }
    }

    @Test
    void everyDeadLetterTopicIsIndexedAsDeadLetters() {
        for (TopicSpec t : TopicCatalog.standard().all()) {
            if (t.name().endsWith(".dlq")) {
                assertThat(catalog.familyForTopic(t.name())).as(t.name())
                        .hasValueSatisfying(f -> assertThat(f.name()).isEqualTo("vigil-deadletters"));
            }
        }
        assertThat(catalog.familyForTopic("news.scored")).map(IndexFamily::name).contains("vigil-news");
        assertThat(catalog.familyForTopic("notes.raw")).as("raw patient text is never indexed").isEmpty();
    }

    @Test
    void dailyIndexIsNamedByEventTimeInUtc() {
        IndexFamily news = catalog.family("vigil-news");
        assertThat(news.dailyIndex(Instant.parse("2026-11-22T13:30:00Z"))).isEqualTo("vigil-news-2026.11.22");
        assertThat(news.dailyIndex(Instant.parse("2026-11-22T23:59:59.999Z"))).isEqualTo("vigil-news-2026.11.22");
        // 21:30 in New York on the 22nd is already the 23rd in UTC.
        assertThat(news.dailyIndex(OffsetDateTime.parse("2026-11-22T21:30:00-05:00").toInstant()))
                .isEqualTo("vigil-news-2026.11.23");
        assertThat(news.dailyIndex(Instant.parse("0999-01-02T00:00:00Z"))).isEqualTo("vigil-news-0999.01.02");
        assertThat(news.owns("vigil-news-2026.11.22")).isTrue();
        assertThat(news.owns("vigil-news")).isFalse();
        assertThat(catalog.familyOfIndex("vigil-audit-2026.01.01")).map(IndexFamily::name).contains("vigil-audit");
    }

    @Test
    void indexPatternsDoNotOverlap() {
        List<IndexFamily> all = catalog.families();
        for (IndexFamily a : all) {
            for (IndexFamily b : all) {
                if (a != b) {
                    assertThat(b.name() + "-").as("%s would match %s's indices", a.indexPattern(), b.name())
                            .doesNotStartWith(a.name() + "-");
                }
            }
        }
    }

    @Test
    void componentTemplateParsesAndMapsTheEnvelope() throws Exception {
        assertThat(catalog.componentTemplates()).extracting(ComponentTemplateSpec::name).containsExactly("vigil-envelope");
        JsonNode t = JSON.readTree(catalog.componentTemplates().get(0).json());
        JsonNode props = t.at("/template/mappings/properties");
        assertThat(props.at("/id/type").asText()).isEqualTo("keyword");
        assertThat(props.at("/eventTime/type").asText()).isEqualTo("date");
        assertThat(props.at("/source/type").asText()).isEqualTo("keyword");
        assertThat(props.at("/version/type").asText()).isEqualTo("integer");
        assertThat(t.at("/template/settings/index/number_of_shards").asInt()).isEqualTo(1);
        assertThat(t.at("/template/settings/index/number_of_replicas").isMissingNode())
                .as("replicas are the bootstrap's decision").isTrue();
    }

    @Test
    void everyTemplateParsesAndAgreesWithTheCatalog() throws Exception {
        List<String> components = catalog.componentTemplates().stream().map(ComponentTemplateSpec::name).toList();
        for (IndexFamily f : catalog.families()) {
            JsonNode t = JSON.readTree(f.templateJson());
            assertThat(texts(t.get("index_patterns"))).as(f.name()).containsExactly(f.indexPattern());
            assertThat(texts(t.get("composed_of"))).as(f.name()).containsExactlyElementsOf(components);
            assertThat(t.at("/template/aliases").has(f.alias())).as("%s joins its alias", f.name()).isTrue();
            assertThat(t.at("/template/mappings/dynamic").asText()).as(f.name()).isEqualTo("strict");
            assertThat(texts(t.at("/_meta/source_topics"))).as(f.name()).containsExactlyElementsOf(f.sourceTopics());
            assertThat(t.at("/template/mappings/properties").size()).as(f.name()).isPositive();
            assertThat(t.at("/template/settings/index/codec").isMissingNode()).isTrue();
        }
    }

    @Test
    void scoredFamiliesCarryScoreWithNestedExplanation() throws Exception {
        for (String name : List.of("vigil-news", "vigil-transactions", "vigil-notes")) {
            JsonNode score = JSON.readTree(catalog.family(name).templateJson()).at("/template/mappings/properties/score");
            assertThat(score.at("/properties/explanation/type").asText()).as(name).isEqualTo("nested");
            assertThat(score.at("/properties/explanation/properties/weight/type").asText()).isEqualTo("float");
            assertThat(score.at("/properties/modelVersion/type").asText()).isEqualTo("keyword");
            assertThat(score.at("/properties/score/type").asText()).isEqualTo("float");
        }
    }

    @Test
    void deadLettersNeverIndexOrStoreTheOriginalBytes() throws Exception {
        JsonNode m = JSON.readTree(catalog.family("vigil-deadletters").templateJson()).at("/template/mappings");
        assertThat(m.at("/properties/originalBase64/enabled").asBoolean(true)).isFalse();
        assertThat(texts(m.at("/_source/excludes"))).contains("originalBase64");
    }

    @Test
    void notesIndexHasNoRawPatientFields() throws Exception {
        String notes = catalog.family("vigil-notes").templateJson();
        assertThat(notes).doesNotContain("\"patientId\"").contains("\"patientPseudonym\"");
    }

    @Test
    void parseRejectsAFamilyWithoutTemplate() {
        String yaml = "families:\n  vigil-x:\n    topics: [audit]\n";
        assertThatThrownBy(() -> IndexCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vigil-x");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
