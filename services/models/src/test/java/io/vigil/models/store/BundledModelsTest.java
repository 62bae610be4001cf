package io.vigil.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.features.FeatureReplay;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.train.FraudTraining;
import io.vigil.models.features.Txn;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.text.TextClassifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped default models install into a store, load, score and explain. */
class BundledModelsTest {

    @TempDir
    Path root;

    @Test
    void defaultModelsInstallLoadScoreAndExplain() {
        ModelStore store = new ModelStore(root);
        assertThat(BundledModels.install(store)).isPositive();
        assertThat(store.models()).contains("news-sentiment", "transaction-fraud", "note-risk");
        assertThat(BundledModels.install(store)).as("second install copies nothing").isZero();

        String sv = store.current("news-sentiment").orElseThrow();
        try (TextClassifier m = store.loadText("news-sentiment", sv)) {
            List<Prediction> p = m.predict(List.of("$XYZ shares plunge after profit warning", "Company reports quarterly results"));
            assertThat(p).hasSize(2);
            assertThat(p.get(0).labels()).containsExactly("negative", "neutral", "positive");
            Explanation e = m.explain("$XYZ shares plunge after profit warning", 3);
            assertThat(e.top()).hasSize(3);
            assertThat(store.card("news-sentiment", sv).dataSources().get(0).licence()).isEqualTo("MIT");
        }
        String fv = store.current("transaction-fraud").orElseThrow();
        try (TabularModel m = store.loadTabular("transaction-fraud", fv)) {
            // the model reads the current spec minus the account-history block; the stream lays features out by name
            assertThat(m.config().featureSpecVersion()).isEqualTo(TransactionFeaturizer.SPEC.version());
            assertThat(m.config().featureNames()).isEqualTo(FraudTraining.MODEL_FEATURES)
                    .isSubsetOf(TransactionFeaturizer.SPEC.names()).doesNotContainAnyElementsOf(FraudTraining.ACCOUNT_HISTORY);
            float[] x = FraudTraining.modelInput(TransactionFeaturizer.apply(null, new Txn("C1", "C2", 181.0, "TRANSFER", null, 3_600_000L)).features());
            Prediction p = m.predict(List.of(x)).get(0);
            assertThat(p.probability("fraud") + p.probability("legit")).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
            assertThat(m.explain(x, "fraud", 5).top()).hasSize(5);
            // calibrated, and reads the balance before: emptying the account is riskier than moving the same
            // amount out of a much larger balance
            assertThat(m.config().calibration()).isNotNull();
            FeatureReplay replay = new FeatureReplay();
            float drain = fraud(m, replay.next(new Txn("C1", "C2", 181.0, "TRANSFER", null, 3_600_000L, 181.0)));
            float part = fraud(m, new FeatureReplay().next(new Txn("C9", "C2", 181.0, "TRANSFER", null, 3_600_000L, 50_000.0)));
            assertThat(drain).isGreaterThan(0.5f).isGreaterThan(part);
            // the same account draining again a minute later is as risky: account history is not read as "safe"
            float again = fraud(m, replay.next(new Txn("C1", "C3", 9_000.0, "TRANSFER", null, 3_660_000L, 9_000.0)));
            assertThat(again).isGreaterThan(0.5f);
        }
        String nv = store.current("note-risk").orElseThrow();
        try (TextClassifier m = store.loadText("note-risk", nv)) {
            assertThat(m.labels()).containsExactly("routine", "elevated", "urgent");
            assertThat(m.predict(List.of("Patient with sepsis, hypotensive, transferred to ICU immediately."))).hasSize(1);
        }
    }

    private static float fraud(TabularModel m, float[] full) {
        return m.predict(List.of(FraudTraining.modelInput(full))).get(0).probability("fraud");
    }
}
