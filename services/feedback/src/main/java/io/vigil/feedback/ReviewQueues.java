package io.vigil.feedback;

import io.vigil.topics.events.Correction;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.ReviewItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The review queues, one per domain, and the corrections made on them. Held in memory and rebuilt from
 * {@code review.items} and {@code feedback.corrections} on start (both topics are the source of truth),
 * so a restarted instance shows exactly the items still open. Thread-safe (one lock; cheap operations).
 */
public final class ReviewQueues {

    private final double secondReviewFraction;
    private final Map<String, QueueEntry> byItemId = new LinkedHashMap<>();
    private final Map<String, List<String>> itemIdsByEvent = new HashMap<>();
    private final Map<String, Correction> correctionsById = new LinkedHashMap<>();
    /** Corrections whose review item has not arrived yet (topics are read independently). */
    private final Map<String, List<Correction>> orphans = new HashMap<>();

    /** Inputs of corrected events, outliving review.items' retention; null keeps them only as long as the topic. */
    private final ExampleArchive archive;

    public ReviewQueues(double secondReviewFraction) {
        this(secondReviewFraction, null);
    }

    public ReviewQueues(double secondReviewFraction, ExampleArchive archive) {
        this.secondReviewFraction = secondReviewFraction;
        this.archive = archive;
    }

    /** Adds a review item; the same id twice is a no-op (replays, duplicates). */
    public synchronized void offer(ReviewItem item) {
        if (byItemId.containsKey(item.id())) return;
        QueueEntry e = new QueueEntry(item, sampledForSecondReview(item.id()));
        byItemId.put(item.id(), e);
        itemIdsByEvent.computeIfAbsent(item.eventId(), k -> new ArrayList<>()).add(item.id());
        List<Correction> waiting = orphans.remove(item.id());
        if (waiting != null) waiting.forEach(c -> attach(e, c));
    }

    /** Records a correction (idempotent by correction id). */
    public synchronized void apply(Correction c) {
        if (correctionsById.putIfAbsent(c.id(), c) != null) return;
        String itemId = c.reviewItemId();
        QueueEntry e = itemId == null ? null : byItemId.get(itemId);
        if (e == null && itemId == null) {
            e = itemIdsByEvent.getOrDefault(c.eventId(), List.of()).stream().map(byItemId::get).findFirst().orElse(null);
        }
        if (e != null) attach(e, c);
        else if (itemId != null) orphans.computeIfAbsent(itemId, k -> new ArrayList<>()).add(c);
    }

    private void attach(QueueEntry e, Correction c) {
        if (e.corrections.stream().noneMatch(x -> x.id().equals(c.id()))) e.corrections.add(c);
        if (archive != null && hasInput(e.item)) {
            archive.keep(new ExampleArchive.Input(e.item.eventId(), e.item.model(), e.item.text(), e.item.features()));
        }
    }

    private static boolean hasInput(ReviewItem i) {
        return (i.text() != null && !i.text().isBlank()) || (i.features() != null && !i.features().isEmpty());
    }

    /** Deterministic: the same item is always (or never) sampled, on every instance and after restarts. */
    boolean sampledForSecondReview(String itemId) {
        if (secondReviewFraction <= 0) return false;
        int h = java.util.Arrays.hashCode(itemId.getBytes(StandardCharsets.UTF_8)) & 0x7fffffff;
        return (h % 10_000) < secondReviewFraction * 10_000;
    }

    /** Open items of a domain for an analyst: highest priority first, then oldest. */
    public synchronized List<ReviewItem> next(Domain domain, String analyst, int limit) {
        return byItemId.values().stream()
                .filter(e -> e.item.domain() == domain && e.openFor(analyst))
                .sorted(Comparator.comparingDouble((QueueEntry e) -> -e.item.priority())
                        .thenComparing(e -> e.item.eventTime()))
                .limit(limit).map(e -> e.item).toList();
    }

    public synchronized Optional<ReviewItem> item(String itemId) {
        return Optional.ofNullable(byItemId.get(itemId)).map(e -> e.item);
    }

    /** Why an analyst may not act on an item now, or empty when they may. */
    public synchronized Optional<String> refusal(String itemId, String analyst) {
        QueueEntry e = byItemId.get(itemId);
        if (e == null) return Optional.of("unknown");
        if (e.corrections.stream().anyMatch(c -> c.analyst().equals(analyst))) return Optional.of("you already corrected this item");
        if (!e.open()) return Optional.of("this item is already corrected");
        return Optional.empty();
    }

    public synchronized void skip(String itemId, String analyst) {
        QueueEntry e = byItemId.get(itemId);
        if (e != null) e.skippedBy.add(analyst);
    }

    public synchronized boolean isOpen(String itemId) {
        QueueEntry e = byItemId.get(itemId);
        return e != null && e.open();
    }

    /** Open items per domain. */
    public synchronized Map<Domain, Long> backlog() {
        Map<Domain, Long> m = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) m.put(d, 0L);
        byItemId.values().stream().filter(QueueEntry::open).forEach(e -> m.merge(e.item.domain(), 1L, Long::sum));
        return m;
    }

    /** Review items and corrections of one event, oldest first. */
    public synchronized Map<String, Object> history(String eventId) {
        List<ReviewItem> items = itemIdsByEvent.getOrDefault(eventId, List.of()).stream().map(id -> byItemId.get(id).item).toList();
        List<Correction> corrections = correctionsById.values().stream().filter(c -> c.eventId().equals(eventId))
                .sorted(Comparator.comparing(Correction::eventTime)).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", eventId);
        m.put("reviewItems", items);
        m.put("corrections", corrections);
        return m;
    }

    /** Every correction, in arrival order. */
    public synchronized List<Correction> corrections() {
        return List.copyOf(correctionsById.values());
    }

    /**
     * Training examples of a model: one per corrected event whose input (text or features) is known, from its
     * review item or, once that expired from the topic, from the {@link ExampleArchive}. Events where analysts
     * disagree are left out until they agree (a second review decides nothing by itself).
     */
    public synchronized List<TrainingExample> trainingExamples(String model) {
        Map<String, List<Correction>> byEvent = correctionsById.values().stream().filter(c -> c.model().equals(model))
                .collect(Collectors.groupingBy(Correction::eventId, LinkedHashMap::new, Collectors.toList()));
        List<TrainingExample> out = new ArrayList<>();
        byEvent.forEach((eventId, cs) -> {
            if (cs.stream().map(Correction::correctedLabel).distinct().count() != 1) return;
            ReviewItem item = itemIdsByEvent.getOrDefault(eventId, List.of()).stream().map(id -> byItemId.get(id).item)
                    .filter(ReviewQueues::hasInput).findFirst().orElse(null);
            Correction c = cs.get(0);
            if (item != null) {
                out.add(new TrainingExample(eventId, model, item.text(), item.features(), c.correctedLabel(), c.groups()));
            } else if (archive != null) {
                // the review item expired from its topic: the archived input keeps the correction useful
                archive.get(eventId).ifPresent(in -> out.add(new TrainingExample(eventId, model, in.text(), in.features(),
                        c.correctedLabel(), c.groups())));
            }
        });
        return out;
    }

    /** Number of corrections of a model (its fine-tune trigger counts these). */
    public synchronized long correctionCount(String model) {
        return correctionsById.values().stream().filter(c -> c.model().equals(model)).count();
    }

    /** Models with at least one correction. */
    public synchronized List<String> correctedModels() {
        return correctionsById.values().stream().map(Correction::model).distinct().sorted().toList();
    }
}
