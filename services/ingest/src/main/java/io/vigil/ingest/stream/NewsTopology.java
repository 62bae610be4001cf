package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.topics.Topics;
import io.vigil.topics.events.CleanNewsArticle;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.NewsArticle;
import io.vigil.topics.events.Protection;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

import java.time.Duration;

/**
 * news.raw -> validate (DLQ) -> dedupe by id -> normalise (NFC, whitespace, language) -> tickers + entities
 * -> news.clean keyed by entityKey. The DLQ keeps the original bytes in clear: news is public text.
 */
public final class NewsTopology {

    public static final String DOMAIN = "news";
    private static final int TITLE_MAX = 2000;

    private final Gazetteer gazetteer;

    public NewsTopology(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public void build(StreamsBuilder builder, Duration dedupeRetention, IngestMetrics metrics) {
        DeadLetters letters = new DeadLetters(Topics.NEWS_RAW, Protection.NONE, null);
        KStream<String, Checked<NewsArticle>> valid = Pipeline.source(builder, Topics.NEWS_RAW, letters,
                a -> Text.oneLine(a.title()).isEmpty() ? new Validator.Rejection("empty-title", "title is empty after normalisation") : null,
                dedupeRetention, metrics, DOMAIN);
        Pipeline.sink(Pipeline.step(valid, "news-clean", this::clean, letters), Topics.NEWS_CLEAN,
                CleanNewsArticle::entityKey, metrics, DOMAIN);
    }

    CleanNewsArticle clean(NewsArticle a) {
        String title = Text.oneLine(a.title());
        if (title.length() > TITLE_MAX) title = title.substring(0, TITLE_MAX);
        String body = Text.oneLine(a.body());
        if (body != null && body.isEmpty()) body = null;
        String language = LanguageDetector.detect(a.language(), body == null ? title : title + " " + body);
        Gazetteer.Found found = gazetteer.find(a.tickers(), title, body);
        return new CleanNewsArticle(a.id(), a.eventTime(), a.source(), Event.CURRENT_VERSION, title, body,
                a.url() == null || a.url().isBlank() ? null : a.url().strip(), language, found.tickers(), a.label(),
                found.entities(), CleanNewsArticle.entityKeyOf(found.tickers(), found.entities()));
    }
}
