package io.vigil.topics.events;

import java.time.Instant;
import java.util.List;

/**
 * A news headline or article as polled or posted ({@code news.raw}), before validation.
 *
 * @param title    non-blank, at most 2,000 characters
 * @param body     nullable
 * @param url      nullable
 * @param language nullable BCP-47 tag
 * @param tickers  nullable
 * @param label    nullable; only in labelled replays, never a model input
 */
public record NewsArticle(String id, Instant eventTime, String source, int version,
                          String title, String body, String url, String language, List<String> tickers,
                          Sentiment label) implements Event {

    public NewsArticle {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(title, "title");
        tickers = Fields.copy(tickers);
    }
}
