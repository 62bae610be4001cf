package io.vigil.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.topics.events.Attribution;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.ReviewReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The review page in headless Chromium: load the queue, see highlights, pick a label, submit, the item leaves. Skipped without Chromium. */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReviewUiBrowserIT {

    @TempDir
    Path dir;

    static ReviewItem item(String id, double priority, String text, int start, int end) {
        return new ReviewItem(id, Instant.now(), "test", 1, Domain.NEWS, "ev-" + id, ReviewReason.LOW_CONFIDENCE, priority,
                "news-sentiment", "v1", "negative", 0.55, Map.of("negative", 0.55, "neutral", 0.25, "positive", 0.2),
                List.of(Attribution.token(text.substring(start, end), 0.3, start, end)), text, null);
    }

    @Test
    void analystCorrectsAnItemInTheBrowser() throws Exception {
        Assumptions.assumeTrue(WebDriver.available(), "chromium and chromium-driver are not installed");
        try (Harness h = new Harness(dir, Map.of("feedback.review.second-review-fraction", "0", "feedback.fine-tune.enabled", "false"))) {
            h.start();
            fineTunedCard(h.models);
            h.publish(List.of(item("ui-1", 0.9, "Acme narrows quarterly loss to $12 million", 13, 22),
                    item("ui-2", 0.5, "<b>Globex</b> trims net loss", 24, 28)));
            await().atMost(Duration.ofSeconds(30)).until(() -> h.service.queues().isOpen("ui-2"));
            try (WebDriver web = new WebDriver()) {
                web.open(h.http.baseUrl() + "/ui");
                web.type("#key", Harness.ANN);
                web.click("#load");
                await().atMost(Duration.ofSeconds(20)).until(() -> "ui-1".equals(web.script(
                        "return document.getElementById('item').dataset.itemId || ''").asText()));
                assertThat(web.text("#text mark")).isEqualTo("quarterly");
                assertThat(web.count("#labels button")).isEqualTo(3);
                web.click("#labels button[data-label='positive']");
                web.click("#submit");
                await().atMost(Duration.ofSeconds(20)).until(() -> web.text("#status").contains("Saved ui-1 as positive"));
                assertThat(h.service.queues().isOpen("ui-1")).isFalse();
                // the next item is shown, its markup shown as text (never parsed as HTML)
                assertThat(web.script("return document.getElementById('item').dataset.itemId").asText()).isEqualTo("ui-2");
                assertThat(web.text("#text")).contains("<b>Globex</b>");
                assertThat(web.text("#text mark")).isEqualTo("loss");

                // model cards: list the models, open news-sentiment, open the fine-tuned v2's card
                web.click("#models-load");
                await().atMost(Duration.ofSeconds(20)).until(() -> web.count("#models tbody tr") >= 3);
                web.click("#models tr[data-model='news-sentiment'] a.model-link");
                await().atMost(Duration.ofSeconds(20)).until(() -> web.count("#versions tr[data-version='v2']") == 1);
                web.click("#versions tr[data-version='v2'] a.version-link");
                await().atMost(Duration.ofSeconds(20)).until(() -> "v2".equals(web.script(
                        "return document.getElementById('card').dataset.version || ''").asText()));
                assertThat(web.text("#card-title")).isEqualTo("Model card: news-sentiment v2 (accepted)");
                assertThat(web.text("#card-facts")).contains("parent").contains("v1").contains("fine-tune:every-100-corrections");
                assertThat(web.text("#card-gate")).startsWith("promoted: PASS corrections accuracy");
                assertThat(web.count("#card-checks li.pass")).isEqualTo(2);
                assertThat(web.text("#card-counts")).contains("trainingCorrections").contains("80");
                assertThat(web.text("#card-metrics")).contains("candidate.holdoutAccuracy").contains("0.805");
                assertThat(web.text("#card-groups")).contains("candidate sex=female accuracy").contains("candidate sex gap");
                assertThat(web.text("#card-monitors")).contains("drift v1").contains("max PSI 5.28 (text_length)")
                        .contains("text_length PSI 5.28 > 0.25").contains("region=north demographic-parity")
                        .contains("parity difference 0.16, ratio 0.2 (fails four-fifths)");
                assertThat(web.text("#card-rollbacks")).contains("from v3 by root: v3 drifts").contains("max PSI 5.28");
                assertThat(web.text("#card-metrics")).doesNotContain("monitors").doesNotContain("rollbacks");
                // the default v1 has no gate: it was trained from the data folder
                web.click("#versions tr[data-version='v1'] a.version-link");
                await().atMost(Duration.ofSeconds(20)).until(() -> web.text("#card-title").contains("v1"));
                assertThat(web.text("#card-gate")).startsWith("no gate");
                assertThat(web.text("#card-monitors")).contains("not recorded");
            }
            assertThat(h.service.queues().corrections()).singleElement()
                    .satisfies(c -> assertThat(c.correctedLabel()).isEqualTo("positive"));
        }
    }

    /** What the fine-tuner records of the champion's latest monitor windows (MonitorReadings.snapshot). */
    static Map<String, Object> monitors() {
        MonitorReadings r = new MonitorReadings();
        r.track(MonitorEvents.drift("news-sentiment", "v1", "text_length", 1, 5.28, true));
        r.track(MonitorEvents.drift("news-sentiment", "v1", "score", 1, 0.02, false));
        r.track(MonitorEvents.fairness("news-sentiment", "region", "north", 1, 40, 8, 0.16, 0.2, List.of("demographic-parity")));
        r.track(MonitorEvents.fairness("news-sentiment", "region", "south", 1, 50, 2, 0.0, 1.0, List.of()));
        return r.snapshot("news-sentiment", "v1");
    }

    /** A promoted v2 of news-sentiment as the fine-tuner writes it: a copy of v1 with a gated card. */
    static void fineTunedCard(Path models) throws Exception {
        Champions.copy(models.resolve("news-sentiment/v1"), models.resolve("news-sentiment/v2"));
        Map<String, Object> cand = Map.of("holdoutAccuracy", 0.805, "correctionsAccuracy", 0.81,
                "groupAccuracy", Map.of("sex", Map.of("female", 0.8, "male", 0.82)), "groupGap", Map.of("sex", 0.02));
        Map<String, Object> champ = Map.of("holdoutAccuracy", 0.8113, "correctionsAccuracy", 0.0,
                "groupAccuracy", Map.of("sex", Map.of("female", 0.0, "male", 0.0)), "groupGap", Map.of("sex", 0.0));
        Map<String, Object> gate = Map.of("decision", "promoted", "why", "promoted: PASS corrections accuracy 0.0000 -> 0.8100",
                "checks", List.of("PASS corrections accuracy 0.0000 -> 0.8100", "PASS holdout accuracy 0.8113 -> 0.8050"));
        io.vigil.models.Json.write(models.resolve("news-sentiment/v2/" + io.vigil.models.store.ModelStore.CARD),
                new io.vigil.models.store.ModelCard("news-sentiment", "v2", "v1", Instant.now().toString(), 42,
                        "fine-tune:every-100-corrections", List.of(), Map.of("trainingCorrections", 80, "replay", 4000),
                        new java.util.LinkedHashMap<>(Map.of("candidate", cand, "champion", champ, "gate", gate,
                                "monitors", monitors(), "rollbacks", List.of(Map.of("at", "2026-12-01T10:00:00Z", "from", "v3",
                                        "reason", "v3 drifts", "actor", "root", "monitors", monitors())))), Map.of(),
                        "fine-tuned from v1"));
    }
}
