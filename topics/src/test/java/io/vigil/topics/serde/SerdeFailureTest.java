package io.vigil.topics.serde;

import io.vigil.topics.Samples;
import io.vigil.topics.events.NewsArticle;
import io.vigil.topics.events.Score;
import io.vigil.topics.events.ScoredNewsArticle;
import io.vigil.topics.events.Transaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of bad input gives a precise, readable violation naming the field. */
class SerdeFailureTest {

    private final JsonSerde<NewsArticle> news = JsonSerde.of(NewsArticle.class);
    private final JsonSerde<Transaction> txns = JsonSerde.of(Transaction.class);
    private final JsonSerde<ScoredNewsArticle> scored = JsonSerde.of(ScoredNewsArticle.class);

    private static byte[] utf8(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static final String ENV = "'id':'n1','eventTime':'2026-11-22T13:30:00Z','source':'http','version':1";

    private static DecodeResult.Invalid<?> invalid(DecodeResult<?> r) {
        assertThat(r).isInstanceOf(DecodeResult.Invalid.class);
        return (DecodeResult.Invalid<?>) r;
    }

    @Test
    void messageNamesTypeFieldsAndReasons() {
        byte[] bad = utf8("{'id':'n1','eventTime':'yesterday','source':'http','version':1}");
        assertThatThrownBy(() -> news.deserialize("news.raw", bad))
                .isInstanceOf(EventValidationException.class)
                .hasMessage("NewsArticle is invalid: $.eventTime: \"yesterday\" is not a valid date-time"
                        + " (RFC 3339, e.g. 2026-11-22T13:30:00Z); $.title: is missing but it is required")
                .satisfies(e -> {
                    EventValidationException eve = (EventValidationException) e;
                    assertThat(eve.type()).isEqualTo("NewsArticle");
                    assertThat(eve.kind()).isEqualTo(ErrorKind.SCHEMA);
                    assertThat(eve.violations()).extracting(Violation::path).containsExactly("$.eventTime", "$.title");
                });
    }

    @Test
    void malformedJson() {
        var r = invalid(news.tryDecode(utf8("{'id': 'n1', ")));
        assertThat(r.kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$");
            assertThat(v.reason()).startsWith("is not well-formed JSON at line 1, column ");
        });
    }

    @Test
    void trailingGarbageAndDuplicateKeysAreMalformed() {
        assertThat(invalid(news.tryDecode(utf8("{" + ENV + ",'title':'t'} x"))).kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
        var dup = invalid(news.tryDecode(utf8("{" + ENV + ",'title':'a','title':'b'}")));
        assertThat(dup.kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
        assertThat(dup.message()).contains("Duplicate field 'title'");
    }

    @Test
    void emptyInputIsMalformed() {
        assertThat(invalid(news.tryDecode(new byte[0])).message())
                .isEqualTo("NewsArticle is invalid: $: is not well-formed JSON: the input is empty");
    }

    @Test
    void nonUtf8IsRejectedNotReplaced() {
        byte[] json = utf8("{" + ENV + ",'title':'caf\u00e9'}");
        byte[] latin1 = new String(json, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        var r = invalid(news.tryDecode(latin1));
        assertThat(r.kind()).isEqualTo(ErrorKind.NOT_UTF8);
        assertThat(r.kind().wire()).isEqualTo("not-utf8");
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$");
            assertThat(v.reason()).startsWith("is not valid UTF-8");
        });
        // the same text in UTF-8 is fine
        assertThat(news.decode(json).title()).isEqualTo("caf\u00e9");
    }

    @Test
    void notAnObject() {
        assertThat(invalid(news.tryDecode(utf8("['a']"))).violations())
                .containsExactly(new Violation("$", "must be object but is array"));
    }

    @Test
    void wrongType() {
        assertThat(invalid(news.tryDecode(utf8("{" + ENV + ",'title':42}"))).violations())
                .containsExactly(new Violation("$.title", "must be string but is integer"));
        assertThat(invalid(news.tryDecode(utf8("{" + ENV + ",'title':'t','tickers':'ACME'}"))).violations())
                .containsExactly(new Violation("$.tickers", "must be array or null but is string"));
    }

    @Test
    void blankString() {
        assertThat(invalid(news.tryDecode(utf8("{" + ENV + ",'title':' \\n '}"))).violations())
                .containsExactly(new Violation("$.title", "must not be blank"));
    }

    @Test
    void badEnumValue() {
        assertThat(invalid(news.tryDecode(utf8("{" + ENV + ",'title':'t','label':'POSITIVE'}"))).violations())
                .containsExactly(new Violation("$.label", "\"POSITIVE\" is not one of [\"negative\", \"neutral\", \"positive\", null]"));
    }

    @Test
    void negativeAmount() {
        byte[] bytes = utf8("{'id':'t1','eventTime':'2026-11-22T13:30:00Z','source':'http','version':1,"
                + "'accountId':'a','counterpartyId':'b','amount':-0.01,'currency':'EUR','type':'CARD'}");
        assertThat(invalid(txns.tryDecode(bytes)).violations())
                .containsExactly(new Violation("$.amount", "-0.01 is below the minimum 0"));
    }

    @Test
    void outOfRangeProbabilityInNestedScore() {
        ScoredNewsArticle ok = Samples.scoredNewsArticle();
        Score s = ok.score();
        Score bad = new Score(s.label(), s.probabilities(), 1.01, s.model(), s.modelVersion(), s.explanation(),
                s.latencyMs(), s.scoredAt(), s.mode());
        ScoredNewsArticle record = new ScoredNewsArticle(ok.id(), ok.eventTime(), ok.source(), 1, ok.article(), bad);
        // serialising validates too: an invalid record never reaches the topic
        assertThatThrownBy(() -> scored.serialize("news.scored", record))
                .isInstanceOf(EventValidationException.class)
                .hasMessage("ScoredNewsArticle is invalid: $.score.score: 1.01 is above the maximum 1");
    }

    @Test
    void unknownProperty() {
        assertThat(invalid(news.tryDecode(utf8("{" + ENV + ",'title':'t','Title':'t'}"))).violations())
                .containsExactly(new Violation("$.Title", "is not a known property (unknown properties are rejected)"));
    }

    @Test
    void longValuesAreCutInReasons() {
        String longTime = "x".repeat(500);
        var r = invalid(news.tryDecode(utf8("{'id':'n1','eventTime':'" + longTime + "','source':'s','version':1,'title':'t'}")));
        assertThat(r.message()).hasSizeLessThan(200).contains("...");
    }

    @Test
    void tombstonesAreNull() {
        assertThat(news.deserialize("news.raw", null)).isNull();
        assertThat(news.serialize("news.raw", null)).isNull();
        assertThat(news.tryDecode(null)).isEqualTo(new DecodeResult.Valid<>(null));
    }

    @Test
    void writesIsoInstantsAndLeavesAbsentFieldsOut() {
        NewsArticle a = new NewsArticle("n1", Samples.newsArticle().eventTime(), "http", 1, "t", null, null, null, null, null);
        assertThat(new String(news.serialize("news.raw", a), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"n1\",\"eventTime\":\"2026-11-22T13:30:00Z\",\"source\":\"http\",\"version\":1,\"title\":\"t\"}");
    }

    @Test
    void enumsAreLowerCaseOnTheWire() {
        String json = new String(news.serialize("news.raw", Samples.newsArticle()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"label\":\"positive\"");
    }

    @Test
    void amountsKeepTheirDecimals() {
        Transaction t = Samples.transaction();
        assertThat(t.amount()).isEqualTo(new BigDecimal("120.50"));
        assertThat(new String(txns.serialize("t", t), StandardCharsets.UTF_8)).contains("\"amount\":120.50");
        assertThat(txns.deserialize("t", txns.serialize("t", t)).amount()).isEqualTo(new BigDecimal("120.50"));
    }

    @Test
    void mapsAreWrittenInKeyOrderForStableBytes() {
        Transaction t = Samples.transaction();
        String json = new String(txns.serialize("t", t), StandardCharsets.UTF_8);
        assertThat(json).contains("\"groups\":{\"ageBand\":\"30-39\",\"citySize\":\"large\",\"gender\":\"F\",\"state\":\"NY\"}");
    }

    @Test
    void invalidResultCarriesEverything() {
        var r = invalid(news.tryDecode(utf8("{}")));
        assertThat(r.type()).isEqualTo("NewsArticle");
        assertThat(r.violations()).extracting(Violation::path)
                .containsExactlyInAnyOrder("$.id", "$.eventTime", "$.source", "$.version", "$.title");
        assertThat(r.toException().violations()).isEqualTo(r.violations());
        assertThatThrownBy(r::orThrow).isInstanceOf(EventValidationException.class).hasMessage(r.message());
        assertThat(List.of(ErrorKind.values())).extracting(ErrorKind::wire)
                .containsExactly("not-utf8", "malformed-json", "schema", "binding");
    }
}
