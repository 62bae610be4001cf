package io.vigil.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.models.metrics.GroupMetrics.Better;
import io.vigil.models.metrics.GroupMetrics.Tally;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupMetricsTest {

    @Test
    void tallyCountsScoresAndConfusion() {
        Tally t = Tally.EMPTY.scored(true, 0.9).scored(false, 0.1).scored(false, 0.2).scored(true, 0.8)
                .labelled(true, false).labelled(true, true).labelled(false, true).labelled(false, false).labelled(false, false);
        assertThat(t.n()).isEqualTo(4);
        assertThat(t.alertRate()).isEqualTo(0.5);
        assertThat(t.meanScore()).isCloseTo(0.5, within(1e-12));
        assertThat(t.labelledCount()).isEqualTo(5);
        assertThat(t.falsePositiveRate()).isEqualTo(1.0 / 3); // 1 FP of 3 actual negatives
        assertThat(t.falseNegativeRate()).isEqualTo(0.5);     // 1 FN of 2 actual positives
        assertThat(Tally.EMPTY.falsePositiveRate()).isNaN();
        assertThat(t.plus(t).fp()).isEqualTo(2);
    }

    @Test
    void adverseOutcomeMeasuresAgainstTheLeastFlaggedGroup() {
        Map<String, Double> rates = Map.of("F", 0.10, "M", 0.05, "X", 0.04);
        GroupMetrics.Disparity d = GroupMetrics.disparity(rates, Better.LOWER);
        assertThat(d.best()).isEqualTo("X");
        assertThat(d.difference().get("F")).isCloseTo(0.06, within(1e-12));
        assertThat(d.ratio().get("F")).isCloseTo(0.4, within(1e-12));
        assertThat(d.ratio().get("M")).isCloseTo(0.8, within(1e-12));
        assertThat(d.ratio().get("X")).isEqualTo(1.0);
        assertThat(d.maxDifference()).isCloseTo(0.06, within(1e-12));
        assertThat(d.minRatio()).isCloseTo(0.4, within(1e-12));
        assertThat(d.fourFifths()).isFalse();
    }

    @Test
    void favourableOutcomeMeasuresAgainstTheMostSelectedGroup() {
        GroupMetrics.Disparity d = GroupMetrics.disparity(Map.of("a", 0.50, "b", 0.40), Better.HIGHER);
        assertThat(d.best()).isEqualTo("a");
        assertThat(d.difference().get("b")).isCloseTo(0.10, within(1e-12));
        assertThat(d.ratio().get("b")).isCloseTo(0.8, within(1e-12));
        assertThat(d.fourFifths()).isTrue(); // exactly 4/5 passes
    }

    @Test
    void zeroRatesAreAtParityAndTiesAreDeterministic() {
        GroupMetrics.Disparity d = GroupMetrics.disparity(Map.of("b", 0.0, "a", 0.0), Better.LOWER);
        assertThat(d.best()).isEqualTo("a");
        assertThat(d.minRatio()).isEqualTo(1.0);
        assertThat(d.maxDifference()).isZero();
        GroupMetrics.Disparity none = GroupMetrics.disparity(Map.of("a", Double.NaN), Better.LOWER);
        assertThat(none.best()).isNull();
        assertThat(none.minRatio()).isEqualTo(1.0);
    }

    @Test
    void smallGroupsAreLeftOut() {
        Map<String, long[]> c = new LinkedHashMap<>();
        c.put("big", new long[] {3, 10});
        c.put("small", new long[] {1, 2});
        assertThat(GroupMetrics.rates(c, 5)).containsOnlyKeys("big").containsEntry("big", 0.3);
        Map<String, Tally> groups = Map.of("a", Tally.EMPTY.scored(true, 1).labelled(true, false),
                "b", Tally.EMPTY.labelled(false, true));
        assertThat(GroupMetrics.alertRates(groups, 1)).containsOnlyKeys("a");
        assertThat(GroupMetrics.falsePositiveRates(groups, 1)).containsOnlyKeys("a").containsEntry("a", 1.0);
        assertThat(GroupMetrics.falseNegativeRates(groups, 1)).containsOnlyKeys("b").containsEntry("b", 1.0);
    }
}
