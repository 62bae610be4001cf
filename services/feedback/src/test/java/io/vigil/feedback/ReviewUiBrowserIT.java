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
            }
            assertThat(h.service.queues().corrections()).singleElement()
                    .satisfies(c -> assertThat(c.correctedLabel()).isEqualTo("positive"));
        }
    }
}
