package io.vigil.inference.stream;

import io.vigil.inference.workload.ModelKind;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.CleanNewsArticle;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Score;
import io.vigil.topics.events.ScoredNewsArticle;

/** news.clean -> news.scored: sentiment of the headline (what the model was trained on). */
final class NewsRoute implements Route<CleanNewsArticle> {

    @Override
    public Domain domain() {
        return Domain.NEWS;
    }

    @Override
    public Topic<String, CleanNewsArticle> input() {
        return Topics.NEWS_CLEAN;
    }

    @Override
    public Topic<String, ?> output() {
        return Topics.NEWS_SCORED;
    }

    @Override
    public Prepared<CleanNewsArticle> prepare(CleanNewsArticle a, ModelKind kind, int maxTextChars) throws Unscorable {
        String text = Route.checkedText(a.title(), "title", maxTextChars);
        return new Prepared<>(a, text, text.length() < a.title().length() ? Route.truncation(text.length(), a.title().length()) : null);
    }

    @Override
    public Object scored(CleanNewsArticle a, Score score, String source) {
        return ScoredNewsArticle.of(a, score, source);
    }

    @Override
    public String id(CleanNewsArticle a) {
        return a.id();
    }

    @Override
    public String reviewText(CleanNewsArticle a) {
        return a.title();
    }
}
