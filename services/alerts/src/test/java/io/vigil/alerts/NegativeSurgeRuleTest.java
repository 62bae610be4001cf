package io.vigil.alerts;

import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.vigil.alerts.Events.T0;
import static io.vigil.alerts.Events.min;
import static io.vigil.alerts.Events.news;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NegativeSurgeRuleTest {

    static final String RULES = """
            rules:
              - id: negative-surge
                severity: warning
                suppression: 30m
                escalation-factor: 2
                params: { window: 30m, grace: 5m, min-volume: 4, margin: 0.3, prior: 0.2, alpha: 0.5 }
            """;

    final Harness h = new Harness(RULES);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void surgeAboveThePriorFiresOnceThenEscalatesWhenNegativesDouble() {
        h.pipe(news("x1", "XYZ", min(1), "negative"));
        h.pipe(news("x2", "XYZ", min(2), "negative"));
        h.pipe(news("x3", "XYZ", min(3), "negative"));   // 3 articles: below min-volume 4
        h.pipe(news("a1", "ACME", min(1), "positive"));
        h.pipe(news("a2", "ACME", min(2), "negative"));
        h.pipe(news("a3", "ACME", min(3), "negative"));
        assertThat(h.drain()).isEmpty();

        h.pipe(news("a4", "ACME", min(4), "negative"));  // 3 of 4 negative: 75% >= 20% prior + 30%
        assertThat(h.drain()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("negative-surge|ACME");
            Alert a = r.value();
            assertThat(a.id()).isEqualTo("negative-surge|ACME|" + T0.toEpochMilli());
            assertThat(a.domain()).isEqualTo(Domain.NEWS);
            assertThat(a.key()).isEqualTo("ACME");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.status()).isEqualTo(AlertStatus.NEW);
            assertThat(a.count()).isEqualTo(3);
            assertThat(a.value()).isEqualTo(0.75);
            assertThat(a.threshold()).isCloseTo(0.5, within(1e-9));
            assertThat(a.windowStart()).isEqualTo(T0);
            assertThat(a.windowEnd()).isEqualTo(min(30));
            assertThat(a.eventIds()).containsExactly("a2", "a3", "a4");
            assertThat(a.modelVersion()).isEqualTo("v3");
            assertThat(a.title()).isEqualTo("negative news surge: 3 negative articles, 75% negative vs 20% usual in 30 min");
        });

        h.pipe(news("a5", "ACME", min(5), "negative"));  // 4, 5 negatives: suppressed
        h.pipe(news("a6", "ACME", min(6), "negative"));
        h.pipe(news("a7", "ACME", min(6), "positive"));
        assertThat(h.drain()).isEmpty();
        h.pipe(news("a8", "ACME", min(7), "negative"));  // 6 = 2 x 3: one escalation
        assertThat(h.drain()).singleElement().satisfies(r -> {
            Alert a = r.value();
            assertThat(a.id()).isEqualTo("negative-surge|ACME|" + T0.toEpochMilli() + "|escalated");
            assertThat(a.status()).isEqualTo(AlertStatus.ESCALATED);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.count()).isEqualTo(6);
            assertThat(a.value()).isEqualTo(6.0 / 8);
            assertThat(a.eventIds()).containsExactly("a2", "a3", "a4", "a5", "a6", "a8");
        });
        h.pipe(news("a9", "ACME", min(8), "negative"));
        assertThat(h.drain()).isEmpty();

        h.pipe(news("x4", "XYZ", min(9), "positive"));   // XYZ reaches min-volume: 3 of 4 negative
        assertThat(h.drain()).extracting(r -> r.value().id()).containsExactly("negative-surge|XYZ|" + T0.toEpochMilli());
    }

    @Test
    void baselineLearnsWhatIsUsualForEachEntity() {
        for (int w = 0; w < 4; w++) {
            double base = 30 * w + (w == 0 ? 0 : 10); // W0 at 1..4m; later windows 10 min in, past W(n-1)'s grace
            for (int i = 1; i <= 4; i++) {
                h.pipe(news("bad-" + w + "-" + i, "BAD", min(base + i), "negative"));
                if (w < 3) h.pipe(news("good-" + w + "-" + i, "GOOD", min(base + i), "positive"));
            }
        }
        // W3: GOOD (usually 0% negative) and NEW (no history: prior 20%) both turn 2 of 5 negative
        for (String entity : new String[]{"GOOD", "NEW"}) {
            for (int i = 1; i <= 3; i++) h.pipe(news(entity + "-p" + i, entity, min(100 + i), "positive"));
            h.pipe(news(entity + "-n1", entity, min(104), "negative"));
            h.pipe(news(entity + "-n2", entity, min(105), "negative"));
        }
        var alerts = h.drain();
        // BAD fires once on the prior, then its own baseline (100% negative) is what is usual for it;
        // GOOD's 40% is a surge against its 0% baseline; NEW's 40% is below prior + margin (50%)
        assertThat(alerts).extracting(r -> r.value().id()).containsExactly(
                "negative-surge|BAD|" + T0.toEpochMilli(),
                "negative-surge|GOOD|" + min(90).toEpochMilli());
        Alert good = alerts.get(1).value();
        assertThat(good.count()).isEqualTo(2);
        assertThat(good.value()).isEqualTo(0.4);
        assertThat(good.threshold()).isCloseTo(0.3, within(1e-9));
        assertThat(good.eventIds()).containsExactly("GOOD-n1", "GOOD-n2");
        assertThat(good.title()).isEqualTo("negative news surge: 2 negative articles, 40% negative vs 0% usual in 30 min");
    }

    @Test
    void lateArticleWithinGraceCountsInItsWindowAndBeyondGraceIsIgnored() {
        for (int i = 0; i < 3; i++) h.pipe(news("late-" + i, "LATE", min(10 + i), "negative"));
        for (int i = 0; i < 3; i++) h.pipe(news("l2-" + i, "L2", min(13 + i), "negative"));
        h.pipe(news("o1", "OTHER", min(33), "positive"));  // stream time 33m: W0 [0, 30m) open until 35m
        h.pipe(news("late-3", "LATE", min(20), "negative"));
        assertThat(h.drain()).singleElement().satisfies(r -> {
            assertThat(r.value().key()).isEqualTo("LATE");
            assertThat(r.value().windowStart()).isEqualTo(T0);
            assertThat(r.value().count()).isEqualTo(4);
            assertThat(r.value().eventTime()).isEqualTo(min(20));
            assertThat(r.value().eventIds()).containsExactly("late-0", "late-1", "late-2", "late-3");
        });

        h.pipe(news("o2", "OTHER", min(36), "positive"));  // W0 has closed
        h.pipe(news("l2-3", "L2", min(25), "negative"));
        assertThat(h.drain()).isEmpty();
        assertThat(h.meters.count("vigil.alerts.late", "rule", "negative-surge")).isEqualTo(1);
    }
}
