package io.vigil.feedback;

import io.vigil.topics.events.Correction;
import io.vigil.topics.events.ReviewItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One review item and what analysts did with it. Guarded by {@link ReviewQueues}' lock. */
final class QueueEntry {

    final ReviewItem item;
    final boolean secondReview;
    final List<Correction> corrections = new ArrayList<>();
    final Set<String> skippedBy = new HashSet<>();

    QueueEntry(ReviewItem item, boolean secondReview) {
        this.item = item;
        this.secondReview = secondReview;
    }

    /** Open while uncorrected, or while a sampled second review is still missing. */
    boolean open() {
        return corrections.isEmpty() || (secondReview && distinctAnalysts() < 2);
    }

    boolean openFor(String analyst) {
        return open() && !skippedBy.contains(analyst) && corrections.stream().noneMatch(c -> c.analyst().equals(analyst));
    }

    long distinctAnalysts() {
        return corrections.stream().map(Correction::analyst).distinct().count();
    }
}
