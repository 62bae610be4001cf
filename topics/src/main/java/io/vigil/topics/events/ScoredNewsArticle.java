package io.vigil.topics.events;

import java.time.Instant;

/** A {@link CleanNewsArticle} with its sentiment {@link Score} ({@code news.scored}). */
public record ScoredNewsArticle(String id, Instant eventTime, String source, int version, CleanNewsArticle article, Score score)
        implements Event {

    public ScoredNewsArticle {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(article, "article");
        Fields.required(score, "score");
    }

    /** The scored event keeps the id and event time of the event it scored: one id end to end. */
    public static ScoredNewsArticle of(CleanNewsArticle article, Score score, String source) {
        return new ScoredNewsArticle(article.id(), article.eventTime(), source, CURRENT_VERSION, article, score);
    }
}
