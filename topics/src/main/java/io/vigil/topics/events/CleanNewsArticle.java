package io.vigil.topics.events;

import java.time.Instant;
import java.util.List;

/**
 * A validated, normalised news article with tickers and entities ({@code news.clean}).
 *
 * @param body      nullable
 * @param url       nullable
 * @param language  BCP-47 tag, required here
 * @param tickers   may be empty
 * @param label     nullable; only in labelled replays, never a model input
 * @param entities  may be empty
 * @param entityKey the record key: see {@link #entityKeyOf(List, List)}
 */
public record CleanNewsArticle(String id, Instant eventTime, String source, int version,
                               String title, String body, String url, String language, List<String> tickers,
                               Sentiment label, List<String> entities, String entityKey) implements Event {

    /** The entity key of an article that names no ticker and no entity. */
    public static final String NO_ENTITY = "_none";

    public CleanNewsArticle {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(title, "title");
        Fields.required(language, "language");
        tickers = Fields.copyRequired(tickers, "tickers");
        entities = Fields.copyRequired(entities, "entities");
        Fields.required(entityKey, "entityKey");
    }

    /** The key rule: first ticker, else first entity, else {@value #NO_ENTITY}. */
    public static String entityKeyOf(List<String> tickers, List<String> entities) {
        if (tickers != null && !tickers.isEmpty()) return tickers.getFirst();
        if (entities != null && !entities.isEmpty()) return entities.getFirst();
        return NO_ENTITY;
    }
}
