package io.vigil.monitors;

import io.vigil.monitors.privacy.DiscreteLaplace;
import io.vigil.monitors.privacy.PublicSummaries;
import io.vigil.topics.Topics;
import io.vigil.topics.events.AuditOutcome;
import io.vigil.topics.events.AuditRecord;
import io.vigil.topics.events.PublicAggregate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PublicSummariesTest {

    @TempDir
    Path dir;

    static final Instant DAY0 = Instant.parse("2026-11-20T00:00:00Z");

    static Instant day(int d, int hour) {
        return DAY0.plus(Duration.ofDays(d)).plus(Duration.ofHours(hour));
    }

    private static Map<String, String> alertsOnly(String epsilon, String budget) {
        return Harness.only("privacy", Map.of(
                "monitors.privacy.datasets.alerts-per-rule-day.epsilon", epsilon,
                "monitors.privacy.datasets.alerts-per-rule-day.budget", budget,
                "monitors.privacy.datasets.urgent-notes-per-specialty-day.enabled", "false",
                "monitors.privacy.datasets.mean-fraud-risk-per-type-day.enabled", "false"));
    }

    @Test
    void eachDayPublishesEveryCellWithNoiseUntilTheBudgetIsSpentThenRefusesAndAudits() {
        try (Harness h = new Harness(alertsOnly("0.5", "1.0"), dir)) {
            int id = 0;
            for (int d = 0; d < 3; d++) {
                for (int i = 0; i < 40; i++) h.pipe(Topics.ALERTS, "k", Events.alert("a" + id++, day(d, 1), "high-risk"));
                for (int i = 0; i < 5; i++) h.pipe(Topics.ALERTS, "k", Events.alert("a" + id++, day(d, 2), "some-custom-rule"));
            }
            // day 3 closes day 2 (window 1 day + grace 1 hour)
            h.pipe(Topics.ALERTS, "k", Events.alert("a" + id, day(3, 2), "high-risk"));

            List<PublicAggregate> published = h.read(Topics.MONITORS_PUBLIC);
            Map<Instant, List<PublicAggregate>> byDay = published.stream().collect(Collectors.groupingBy(PublicAggregate::windowStart));
            assertThat(byDay).containsOnlyKeys(day(0, 0), day(1, 0)); // the third release is refused
            List<String> domain = List.of("negative-surge", "high-risk", "risk-velocity", "urgent-risk", "fairness-disparity",
                    "model-drift", PublicSummaries.OTHER);
            for (List<PublicAggregate> release : byDay.values()) {
                assertThat(release).extracting(PublicAggregate::cell).containsExactlyElementsOf(domain); // cells with no data too
                assertThat(release).allSatisfy(a -> {
                    assertThat(a.dataset()).isEqualTo(PublicSummaries.ALERTS_PER_RULE);
                    assertThat(a.statistic()).isEqualTo("count");
                    assertThat(a.mechanism()).isEqualTo(DiscreteLaplace.NAME);
                    assertThat(a.epsilon()).isEqualTo(0.5);
                    assertThat(a.sensitivity()).isEqualTo(1.0);
                    assertThat(a.noiseScale()).isEqualTo(2.0);
                    assertThat(a.value()).isGreaterThanOrEqualTo(0).isEqualTo(Math.rint(a.value()));
                    assertThat(a.budgetTotal()).isEqualTo(1.0);
                });
                PublicAggregate high = release.stream().filter(a -> a.cell().equals("high-risk")).findFirst().orElseThrow();
                // 40 plus noise of scale 2: far from 40 only with vanishing probability (the seed fixes it anyway)
                assertThat(high.value()).isCloseTo(40, within(20.0));
            }
            assertThat(byDay.get(day(0, 0))).allSatisfy(a -> assertThat(a.budgetSpent()).isEqualTo(0.5));
            assertThat(byDay.get(day(1, 0))).allSatisfy(a -> assertThat(a.budgetSpent()).isEqualTo(1.0));

            List<AuditRecord> audit = h.read(Topics.AUDIT);
            assertThat(audit).extracting(AuditRecord::outcome).containsExactly(AuditOutcome.OK, AuditOutcome.OK, AuditOutcome.DENIED);
            AuditRecord denied = audit.getLast();
            assertThat(denied.action()).isEqualTo("dp-release");
            assertThat(denied.target()).isEqualTo(PublicSummaries.ALERTS_PER_RULE);
            assertThat(denied.details()).containsEntry("windowStart", day(2, 0).toString()).containsEntry("spent", "1.0");
            assertThat(denied.details().get("reason")).contains("privacy budget spent");
            assertThat(h.meters.count("vigil.monitors.privacy.refusals", "dataset", PublicSummaries.ALERTS_PER_RULE)).isEqualTo(1);
        }
    }

    @Test
    void meansAndCountsOfTheOtherDatasets() {
        Map<String, String> cfg = Harness.only("privacy", Map.of(
                "monitors.privacy.datasets.alerts-per-rule-day.enabled", "false",
                "monitors.privacy.datasets.mean-fraud-risk-per-type-day.epsilon", "4.0"));
        try (Harness h = new Harness(cfg, dir)) {
            for (int i = 0; i < 400; i++)
                h.pipe(Topics.TRANSACTIONS_SCORED, "a", Events.txn("t" + i, day(0, 3), "TRANSFER", Map.of(), Map.of("x", 1.0),
                        Events.score("transaction-fraud", "v2", "legit", i % 4 == 0 ? 0.9 : 0.1))); // mean 0.3
            for (int i = 0; i < 30; i++)
                h.pipe(Topics.NOTES_SCORED, "p", Events.note("n" + i, day(0, 4), "Cardiology", null, i < 20 ? "urgent" : "routine", 0.5));
            h.pipe(Topics.TRANSACTIONS_SCORED, "a", Events.txn("late", day(2, 0), "TRANSFER", Map.of(), Map.of("x", 1.0),
                    Events.score("transaction-fraud", "v2", "legit", 0.1)));
            h.pipe(Topics.NOTES_SCORED, "p", Events.note("late", day(2, 0), "Cardiology", null, "urgent", 0.5));
            Map<String, PublicAggregate> day0 = h.read(Topics.MONITORS_PUBLIC).stream().filter(a -> a.windowStart().equals(day(0, 0)))
                    .collect(Collectors.toMap(a -> a.dataset() + "/" + a.cell(), a -> a));
            PublicAggregate transfer = day0.get(PublicSummaries.MEAN_FRAUD_RISK_PER_TYPE + "/transfer");
            assertThat(transfer.statistic()).isEqualTo("mean");
            assertThat(transfer.value()).isCloseTo(0.3, within(0.02)); // 400 events at epsilon 4: noise sd ~ 0.0005 + count noise
            assertThat(transfer.sensitivity()).isEqualTo(0.5);
            assertThat(transfer.noiseScale()).isEqualTo(0.25); // 0.5 / (4 / 2)
            assertThat(day0.get(PublicSummaries.MEAN_FRAUD_RISK_PER_TYPE + "/card").value()).isBetween(0.0, 1.0);
            PublicAggregate cardiology = day0.get(PublicSummaries.URGENT_NOTES_PER_SPECIALTY + "/Cardiology");
            assertThat(cardiology.statistic()).isEqualTo("count");
            assertThat(cardiology.value()).isCloseTo(20, within(12.0)); // only urgent notes count; noise scale 2
            assertThat(day0).containsKey(PublicSummaries.URGENT_NOTES_PER_SPECIALTY + "/Urology"); // no urgent notes: still published
        }
    }
}
