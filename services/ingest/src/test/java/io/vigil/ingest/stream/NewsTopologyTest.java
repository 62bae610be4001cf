package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.topics.Topics;
import io.vigil.topics.events.CleanNewsArticle;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.Protection;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NewsTopologyTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    DriverSupport d;
    TestOutputTopic<String, CleanNewsArticle> clean;

    @BeforeEach
    void setUp() {
        IngestMetrics m = IngestMetrics.noop();
        d = new DriverSupport(Topics.NEWS_RAW, IngestTopologies.news(DriverSupport.props(), new NewsTopology(Gazetteer.standard()),
                Duration.ofHours(1), m), m);
        clean = d.out(Topics.NEWS_CLEAN);
    }

    @AfterEach
    void tearDown() {
        d.close();
    }

    static String article(String id, String title) {
        return "{\"id\":\"" + id + "\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"source\":\"http\",\"version\":1,\"title\":\"" + title + "\"}";
    }

    @Test
    void cleansNormalisesAndKeysByEntity() {
        // "e\u0301" (decomposed) must come out NFC as "\u00e9"
        d.pipe("a1", article("a1", "  $BYND -  JPMorgan   reels in expectations on Beyond Meat\\ncafe\\u0301 "), T0);
        TestRecord<String, CleanNewsArticle> r = clean.readRecord();
        CleanNewsArticle a = r.value();
        assertThat(a.title()).isEqualTo("$BYND - JPMorgan reels in expectations on Beyond Meat caf\u00e9");
        assertThat(a.tickers()).containsExactly("BYND", "JPM");
        assertThat(a.entities()).containsExactly("JPMorgan Chase", "Beyond Meat");
        assertThat(a.entityKey()).isEqualTo("BYND");
        assertThat(r.key()).isEqualTo("BYND");
        assertThat(a.language()).isEqualTo("en");
        assertThat(d.metrics.count("vigil.ingest.events.out", "domain", "news")).isEqualTo(1);
    }

    @Test
    void noEntityGivesTheNoneKeyAndLanguageIsGuessed() {
        d.pipe("a2", article("a2", "Die Inflation ist nicht mit der Zinspolitik der Notenbank zu erkl\u00e4ren"), T0);
        CleanNewsArticle a = clean.readValue();
        assertThat(a.entityKey()).isEqualTo(CleanNewsArticle.NO_ENTITY);
        assertThat(a.language()).isEqualTo("de");
    }

    @Test
    void duplicatesWithinTheWindowAreDroppedAndCounted() {
        d.pipe("a3", article("a3", "Tesla beats"), T0);
        d.pipe("a3", article("a3", "Tesla beats"), T0.plusSeconds(600));
        d.pipe("a3", article("a3", "Tesla beats"), T0.plus(Duration.ofHours(3))); // outside the 1 h window: new again
        assertThat(clean.readValuesToList()).hasSize(2);
        assertThat(d.metrics.count("vigil.ingest.dedupe.hits", "domain", "news")).isEqualTo(1);
    }

    @Test
    void eventTimesFarAheadOfTheClockAreDeadLetteredNotPassedOn() {
        // Downstream apps stamp records with event time; the broker refuses timestamps > 1 h ahead.
        Instant now = Instant.now();
        String ahead = "{\"id\":\"f1\",\"eventTime\":\"" + now.plus(Duration.ofHours(2)) + "\",\"source\":\"http\",\"version\":1,\"title\":\"From the future\"}";
        String skewed = "{\"id\":\"f2\",\"eventTime\":\"" + now.plus(Duration.ofMinutes(5)) + "\",\"source\":\"http\",\"version\":1,\"title\":\"Slightly ahead\"}";
        d.pipe("f1", ahead, T0);
        d.pipe("f2", skewed, T0);
        DeadLetter letter = d.dlq.readValue();
        assertThat(letter.errorType()).isEqualTo("future-event-time");
        assertThat(letter.reason()).contains("$.eventTime").contains("15 minutes");
        assertThat(d.dlq.isEmpty()).isTrue();
        assertThat(clean.readValue().id()).isEqualTo("f2");
    }

    @Test
    void malformedNonUtf8AndSchemaViolationsGoToTheDlqWithTheOriginal() {
        byte[] malformed = "{\"id\":\"x\",".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, '{', '}'};
        byte[] schema = "{\"id\":\"bad one\",\"eventTime\":\"yesterday\",\"source\":\"http\",\"version\":1,\"title\":\"\"}".getBytes(StandardCharsets.UTF_8);
        d.pipe("k", malformed, T0);
        d.pipe("k", notUtf8, T0);
        d.pipe("k", schema, T0);
        d.pipe("ok", article("ok", "still running"), T0);
        List<DeadLetter> letters = d.dlq.readValuesToList();
        assertThat(letters).extracting(DeadLetter::errorType).containsExactly("malformed-json", "not-utf8", "schema");
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.protection()).isEqualTo(Protection.NONE);
            assertThat(l.sourceTopic()).isEqualTo(Topics.NEWS_RAW.name());
            assertThat(l.sourceOffset()).isNotNull();
        });
        assertThat(Base64.getDecoder().decode(letters.get(1).originalBase64())).isEqualTo(notUtf8);
        assertThat(letters.get(2).reason()).contains("$.eventTime").contains("$.title");
        assertThat(clean.readValue().id()).isEqualTo("ok");
        assertThat(d.metrics.count("vigil.ingest.deadletters", "domain", "news", "reason", "schema")).isEqualTo(1);
    }
}
