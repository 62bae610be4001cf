package io.vigil.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.feedback.tuning.Evaluation;
import io.vigil.feedback.tuning.Gate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTest {

    final Gate gate = new Gate(new FeedbackSettings.Gate(0.05, 0.01, 0.03, 0.02, 0.05, 5, 5, Map.of()));

    static Evaluation e(double hAcc, double hF1, double cAcc, int cN, Map<String, Double> gap) {
        return new Evaluation(hAcc, hF1, Double.NaN, 1000, cAcc, cN, Map.of(), gap);
    }

    @Test
    void promotesWhenCorrectionsImproveAndNothingRegresses() {
        Gate.Decision d = gate.decide(e(0.80, 0.72, 0.10, 20, Map.of()), e(0.795, 0.715, 0.90, 20, Map.of()));
        assertThat(d.promote()).isTrue();
        assertThat(d.checks()).allMatch(c -> c.startsWith("PASS"));
    }

    @Test
    void rejectsAHoldoutRegressionBeyondTolerance() {
        Gate.Decision d = gate.decide(e(0.80, 0.72, 0.10, 20, Map.of()), e(0.78, 0.72, 0.95, 20, Map.of()));
        assertThat(d.promote()).isFalse();
        assertThat(d.summary()).startsWith("rejected: FAIL holdout accuracy 0.8000 -> 0.7800");
    }

    @Test
    void rejectsTooSmallGainTooFewCorrectionsAndWiderGroupGaps() {
        assertThat(gate.decide(e(0.8, 0.7, 0.50, 20, Map.of()), e(0.8, 0.7, 0.52, 20, Map.of())).summary())
                .contains("FAIL corrections accuracy");
        assertThat(gate.decide(e(0.8, 0.7, 0.0, 3, Map.of()), e(0.8, 0.7, 1.0, 3, Map.of())).summary())
                .contains("FAIL held-out corrections 3 (need >= 5)");
        Gate.Decision d = gate.decide(e(0.8, 0.7, 0.5, 20, Map.of("sex", 0.05)), e(0.8, 0.7, 0.9, 20, Map.of("sex", 0.20)));
        assertThat(d.promote()).isFalse();
        assertThat(d.summary()).contains("FAIL group gap 'sex' 0.0500 -> 0.2000");
    }

    @Test
    void binaryRiskModelsAreJudgedByAuprcAndRulesCanBeOverriddenPerModel() {
        Evaluation champ = new Evaluation(0.990, 0.80, 0.70, 1000, 0.2, 20, Map.of(), Map.of());
        Evaluation worseRanking = new Evaluation(0.990, 0.60, 0.66, 1000, 0.9, 20, Map.of(), Map.of());
        Gate.Decision d = gate.decide(champ, worseRanking);
        assertThat(d.summary()).contains("FAIL holdout AUPRC 0.7000 -> 0.6600");
        assertThat(d.checks()).noneMatch(c -> c.contains("macro-F1")); // AUPRC replaces it for risk models
        Evaluation sameRanking = new Evaluation(0.985, 0.60, 0.69, 1000, 0.9, 20, Map.of(), Map.of());
        assertThat(gate.decide(champ, sameRanking).promote()).isTrue();

        FeedbackSettings.Gate rules = new FeedbackSettings.Gate(0.05, 0.01, 0.03, 0.02, 0.05, 5, 5,
                Map.of("note-risk", Map.of("holdout-tolerance", 0.03)));
        Evaluation notes = new Evaluation(0.86, 0.70, Double.NaN, 100, 0.2, 20, Map.of(), Map.of());
        Evaluation twoNotesWorse = new Evaluation(0.84, 0.69, Double.NaN, 100, 0.9, 20, Map.of(), Map.of());
        assertThat(new Gate(rules).decide(notes, twoNotesWorse).promote()).isFalse();
        assertThat(new Gate(rules.forModel("note-risk")).decide(notes, twoNotesWorse).promote()).isTrue();
        assertThat(rules.forModel("news-sentiment")).isSameAs(rules);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FeedbackSettings.Gate(0.05, 0.01, 0.03, 0.02, 0.05, 5, 5,
                Map.of("note-risk", Map.of("holdout-tolerence", 0.03)))).hasMessageContaining("holdout-tolerence");
    }
}
