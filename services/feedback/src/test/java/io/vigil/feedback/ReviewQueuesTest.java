package io.vigil.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.topics.events.Attribution;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.ReviewReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewQueuesTest {

    static ReviewItem item(String id, Domain d, double priority, String text) {
        return new ReviewItem(id, Instant.parse("2026-11-22T13:00:00Z"), "test", 1, d, "ev-" + id, ReviewReason.LOW_CONFIDENCE,
                priority, "news-sentiment", "v1", "negative", 0.4, Map.of("negative", 0.4, "neutral", 0.3, "positive", 0.3),
                List.of(Attribution.token("loss", 0.2, 0, 4)), text, null);
    }

    static Correction corr(ReviewItem i, String analyst, String label) {
        return new Correction(FeedbackApi.correctionId(i.id(), analyst), Instant.now(), "test", 1, i.domain(), i.eventId(),
                i.model(), i.modelVersion(), i.label(), label, analyst, null, i.id(), null);
    }

    @Test
    void ordersByPriorityAndRemovesCorrectedAndSkippedItems() {
        ReviewQueues q = new ReviewQueues(0);
        q.offer(item("a", Domain.NEWS, 1, "a"));
        q.offer(item("b", Domain.NEWS, 5, "b"));
        q.offer(item("c", Domain.NOTES, 9, "c"));
        q.offer(item("a", Domain.NEWS, 1, "a")); // duplicate
        assertThat(q.next(Domain.NEWS, "ann", 10)).extracting(ReviewItem::id).containsExactly("b", "a");
        q.skip("b", "ann");
        assertThat(q.next(Domain.NEWS, "ann", 10)).extracting(ReviewItem::id).containsExactly("a");
        assertThat(q.next(Domain.NEWS, "bob", 10)).extracting(ReviewItem::id).containsExactly("b", "a");
        q.apply(corr(item("a", Domain.NEWS, 1, "a"), "bob", "positive"));
        assertThat(q.next(Domain.NEWS, "bob", 10)).extracting(ReviewItem::id).containsExactly("b");
        assertThat(q.backlog()).containsEntry(Domain.NEWS, 1L).containsEntry(Domain.NOTES, 1L);
        assertThat(q.trainingExamples("news-sentiment")).singleElement()
                .satisfies(e -> assertThat(e.label()).isEqualTo("positive"));
    }

    @Test
    void correctionsBeforeTheirItemAreAttachedWhenItArrives() {
        ReviewQueues q = new ReviewQueues(0);
        ReviewItem i = item("late", Domain.NEWS, 1, "t");
        q.apply(corr(i, "ann", "neutral"));
        q.offer(i);
        assertThat(q.next(Domain.NEWS, "bob", 10)).isEmpty();
        assertThat(q.history(i.eventId()).get("corrections")).asList().hasSize(1);
    }

    @Test
    void sampledItemsGoToASecondAnalystAndDisagreementKeepsThemOutOfTraining() {
        ReviewQueues q = new ReviewQueues(1.0);
        ReviewItem i = item("x", Domain.NEWS, 1, "t");
        q.offer(i);
        q.apply(corr(i, "ann", "positive"));
        assertThat(q.next(Domain.NEWS, "ann", 10)).isEmpty();
        assertThat(q.next(Domain.NEWS, "bob", 10)).extracting(ReviewItem::id).containsExactly("x");
        assertThat(q.refusal("x", "ann")).contains("you already corrected this item");
        q.apply(corr(i, "bob", "neutral"));
        assertThat(q.isOpen("x")).isFalse();
        assertThat(q.trainingExamples("news-sentiment")).isEmpty();
    }

    @Test
    void correctedInputsOutliveTheReviewItemsTopic(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("examples.jsonl");
        ReviewQueues q = new ReviewQueues(0, new ExampleArchive(file));
        ReviewItem i = item("old", Domain.NEWS, 1, "Acme narrows its loss");
        q.offer(i);
        Correction c = corr(i, "ann", "positive");
        q.apply(c);
        q.apply(c); // replays append nothing new
        // months later: review.items expired, so a restart sees only the correction (retention -1)
        ReviewQueues later = new ReviewQueues(0, new ExampleArchive(file));
        later.apply(c);
        assertThat(later.item("old")).isEmpty();
        assertThat(later.trainingExamples("news-sentiment")).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("Acme narrows its loss");
            assertThat(e.label()).isEqualTo("positive");
        });
        // without the archive the same correction would be lost as training data
        ReviewQueues bare = new ReviewQueues(0);
        bare.apply(c);
        assertThat(bare.trainingExamples("news-sentiment")).isEmpty();
        assertThat(new ExampleArchive(file).size()).isEqualTo(1);
    }
}
