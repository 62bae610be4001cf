package io.vigil.monitors;

import io.vigil.monitors.fairness.FairnessReport;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.FairnessMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.vigil.monitors.Events.min;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FairnessTopologyTest {

    @TempDir
    Path dir;

    private static Map<String, String> gender(String g) {
        return Map.of("gender", g);
    }

    /** n events of a group, the first `flagged` labelled fraud with score 0.9, the rest legit with 0.1. */
    private static void group(Harness h, String g, int n, int flagged, double startMinute) {
        for (int i = 0; i < n; i++) {
            boolean fraud = i < flagged;
            h.pipe(Topics.TRANSACTIONS_SCORED, "acct", Events.txn(g + "-" + i, min(startMinute + i * 0.1), gender(g), fraud, fraud ? 0.9 : 0.1));
        }
    }

    /** Advances stream time past the first window's end + grace (60 + 5 minutes). */
    private static void closeFirstWindow(Harness h) {
        h.pipe(Topics.TRANSACTIONS_SCORED, "acct", Events.txn("late", min(70), gender("M"), false, 0.1));
    }

    @Test
    void perGroupMetricsOfAClosedWindowWithExactValuesAndThePlantedDisparityAlerts() {
        try (Harness h = new Harness(Harness.only("fairness", Map.of()), dir)) {
            group(h, "F", 40, 8, 0);   // alert rate 0.2, mean score (8*0.9 + 32*0.1)/40 = 0.26
            group(h, "M", 50, 2, 10);  // alert rate 0.04, mean score (2*0.9 + 48*0.1)/50 = 0.132
            group(h, "X", 5, 5, 20);   // too few events to judge (min-group-events 30)
            // analysts' verdicts on F, carried on the corrections: 3 FP, 9 TN, 2 TP, 1 FN
            int c = 0;
            for (int i = 0; i < 3; i++) h.pipe(Topics.FEEDBACK_CORRECTIONS, "e", Events.correction("c" + c++, min(30), "F-" + i, "fraud", "legit", gender("F")));
            for (int i = 0; i < 9; i++) h.pipe(Topics.FEEDBACK_CORRECTIONS, "e", Events.correction("c" + c++, min(30), "F-" + (10 + i), "legit", "legit", gender("F")));
            for (int i = 0; i < 2; i++) h.pipe(Topics.FEEDBACK_CORRECTIONS, "e", Events.correction("c" + c++, min(30), "F-" + (3 + i), "fraud", "fraud", gender("F")));
            h.pipe(Topics.FEEDBACK_CORRECTIONS, "e", Events.correction("c" + c++, min(30), "F-20", "legit", "fraud", gender("F")));
            // verdicts on M without groups: the monitor takes them from the scored events (10 TN)
            for (int i = 0; i < 10; i++) h.pipe(Topics.FEEDBACK_CORRECTIONS, "e", Events.correction("c" + c++, min(31), "M-" + (10 + i), "legit", "legit", null));
            // a verdict on an event the monitor never saw scored carries no group: not counted
            h.pipe(Topics.FEEDBACK_CORRECTIONS, "e", Events.correction("c" + c++, min(31), "unknown-event", "fraud", "legit", null));
            assertThat(h.read(Topics.MONITORS_FAIRNESS)).as("nothing before the window closes").isEmpty();

            closeFirstWindow(h);

            Map<String, FairnessMetric> m = h.read(Topics.MONITORS_FAIRNESS).stream()
                    .collect(Collectors.toMap(FairnessMetric::group, Function.identity()));
            assertThat(m).containsOnlyKeys("F", "M", "X");
            FairnessMetric f = m.get("F");
            assertThat(f.domain()).isEqualTo(Domain.TRANSACTIONS);
            assertThat(f.model()).isEqualTo("transaction-fraud");
            assertThat(f.attribute()).isEqualTo("gender");
            assertThat(f.windowStart()).isEqualTo(Events.T0);
            assertThat(f.windowEnd()).isEqualTo(min(60));
            assertThat(f.events()).isEqualTo(40);
            assertThat(f.flagged()).isEqualTo(8);
            assertThat(f.alertRate()).isEqualTo(0.2);
            assertThat(f.meanScore()).isCloseTo(0.26, within(1e-12));
            assertThat(f.labelled()).isEqualTo(15);
            assertThat(f.falsePositives()).isEqualTo(3);
            assertThat(f.falseNegatives()).isEqualTo(1);
            assertThat(f.labelledNegatives()).isEqualTo(12);
            assertThat(f.labelledPositives()).isEqualTo(3);
            assertThat(f.falsePositiveRate()).isEqualTo(0.25);
            assertThat(f.falseNegativeRate()).isCloseTo(1.0 / 3, within(1e-12));
            assertThat(f.referenceGroup()).isEqualTo("M");
            assertThat(f.parityDifference()).isCloseTo(0.16, within(1e-12));
            assertThat(f.parityRatio()).isCloseTo(0.2, within(1e-12));
            assertThat(f.fourFifths()).isFalse();
            // FPR 0.25 vs M's 0; FNR not judged (3 labelled positives < min-group-labels 10)
            assertThat(f.equalisedOddsDifference()).isCloseTo(0.25, within(1e-12));
            assertThat(f.breaches()).containsExactly(FairnessReport.DEMOGRAPHIC_PARITY, FairnessReport.EQUALISED_ODDS);

            FairnessMetric male = m.get("M");
            assertThat(male.events()).isEqualTo(50);
            assertThat(male.alertRate()).isEqualTo(0.04);
            assertThat(male.meanScore()).isCloseTo(0.132, within(1e-12));
            assertThat(male.labelled()).isEqualTo(10);
            assertThat(male.labelledNegatives()).isEqualTo(10);
            assertThat(male.falsePositiveRate()).isEqualTo(0.0);
            assertThat(male.parityDifference()).isEqualTo(0.0);
            assertThat(male.parityRatio()).isEqualTo(1.0);
            assertThat(male.fourFifths()).isTrue();
            assertThat(male.equalisedOddsDifference()).isEqualTo(0.0);
            assertThat(male.breaches()).isEmpty();

            FairnessMetric x = m.get("X");
            assertThat(x.events()).isEqualTo(5);
            assertThat(x.alertRate()).isEqualTo(1.0);
            assertThat(x.parityDifference()).isNull();
            assertThat(x.parityRatio()).isNull();
            assertThat(x.fourFifths()).isNull();
            assertThat(x.breaches()).isEmpty();

            List<Alert> alerts = h.read(Topics.ALERTS);
            assertThat(alerts).hasSize(1);
            Alert a = alerts.getFirst();
            assertThat(a.rule()).isEqualTo(FairnessReport.RULE);
            assertThat(a.key()).isEqualTo("transaction-fraud|gender");
            assertThat(a.value()).isCloseTo(0.16, within(1e-12));
            assertThat(a.threshold()).isEqualTo(0.05);
            assertThat(a.count()).isEqualTo(95);
            assertThat(a.eventIds()).containsExactly(f.id());
            assertThat(a.description()).contains("F 0.200 vs 0.040 (M)").contains("FPR 0.250");
        }
    }

    @Test
    void equalRatesRaiseNoAlertAndAGroupAttributeTheEventLacksIsNotInvented() {
        try (Harness h = new Harness(Harness.only("fairness", Map.of()), dir)) {
            group(h, "F", 40, 4, 0);
            group(h, "M", 50, 5, 10);
            closeFirstWindow(h);
            List<FairnessMetric> metrics = h.read(Topics.MONITORS_FAIRNESS);
            assertThat(metrics).extracting(FairnessMetric::attribute).containsOnly("gender"); // no ageBand/state/citySize on these events
            assertThat(metrics).allSatisfy(m -> {
                assertThat(m.alertRate()).isEqualTo(0.1);
                assertThat(m.parityRatio()).isEqualTo(1.0);
                assertThat(m.breaches()).isEmpty();
            });
            assertThat(h.read(Topics.ALERTS)).isEmpty();
        }
    }

    @Test
    void notesFlagsAreFavourableSoTheUnderFlaggedGroupIsWorseOff() {
        try (Harness h = new Harness(Harness.only("fairness", Map.of()), dir)) {
            for (int i = 0; i < 40; i++) h.pipe(Topics.NOTES_SCORED, "p", Events.note("o" + i, min(i * 0.5), "Cardiology",
                    Map.of("ageBand", "65+", "sex", "female"), i < 4 ? "urgent" : "routine", i < 4 ? 0.8 : 0.2));
            for (int i = 0; i < 40; i++) h.pipe(Topics.NOTES_SCORED, "p", Events.note("y" + i, min(i * 0.5), "Cardiology",
                    Map.of("ageBand", "18-29", "sex", "female"), i < 12 ? "urgent" : "routine", i < 12 ? 0.8 : 0.2));
            h.pipe(Topics.NOTES_SCORED, "p", Events.note("late", min(70), "Cardiology", Map.of("ageBand", "65+", "sex", "female"), "routine", 0.2));
            Map<String, FairnessMetric> byGroup = h.read(Topics.MONITORS_FAIRNESS).stream().filter(m -> m.attribute().equals("ageBand"))
                    .collect(Collectors.toMap(FairnessMetric::group, Function.identity()));
            assertThat(byGroup.get("18-29").referenceGroup()).isEqualTo("18-29");
            assertThat(byGroup.get("65+").parityDifference()).isCloseTo(0.2, within(1e-12));     // 0.3 - 0.1
            assertThat(byGroup.get("65+").parityRatio()).isCloseTo(1.0 / 3, within(1e-12));     // 0.1 / 0.3
            assertThat(h.read(Topics.ALERTS)).singleElement().satisfies(a -> {
                assertThat(a.domain()).isEqualTo(Domain.NOTES);
                assertThat(a.key()).isEqualTo("note-risk|ageBand");
            });
        }
    }
}
