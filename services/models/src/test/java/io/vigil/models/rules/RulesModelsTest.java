package io.vigil.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.store.ModelStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesModelsTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void sentimentLexiconWithNegationAndShrinkingLosses() {
        ScoringModel<String> m = (ScoringModel<String>) RulesModels.create("news-sentiment");
        List<Prediction> p = m.predict(List.of("Acme shares surge after record profit", "Globex shares plunge on fraud probe",
                "Initech holds its annual meeting", "Hooli narrows quarterly loss to $12 million", "Oscorp does not beat estimates"));
        assertThat(p).extracting(Prediction::label).containsExactly("positive", "negative", "neutral", "positive", "negative");
        assertThat(p.get(0).confidence()).isGreaterThan(p.get(1).probability("positive"));
        Explanation e = m.explain("Acme shares surge after record profit", 5);
        assertThat(e.method()).isEqualTo("rules:lexicon");
        assertThat(e.top()).extracting(a -> "Acme shares surge after record profit".substring(a.start(), a.end()))
                .containsExactlyInAnyOrder("surge", "record", "profit");
        assertThat(m.version()).isEqualTo("rules");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fraudPointsFromTheStreamFeatures() {
        ScoringModel<float[]> m = (ScoringModel<float[]>) RulesModels.create("transaction-fraud");
        assertThat(((FeatureInput) m).featureNames()).isEqualTo(TransactionFeaturizer.SPEC.names());
        List<String> n = TransactionFeaturizer.SPEC.names();
        float[] quiet = new float[n.size()];
        quiet[n.indexOf("log_amount")] = (float) Math.log1p(42);
        quiet[n.indexOf("type_payment")] = 1;
        float[] mule = quiet.clone();
        mule[n.indexOf("log_amount")] = (float) Math.log1p(250_000);
        mule[n.indexOf("type_payment")] = 0;
        mule[n.indexOf("type_transfer")] = 1;
        mule[n.indexOf("same_amount_count_1h")] = 1;
        List<Prediction> p = m.predict(List.of(quiet, mule));
        assertThat(p.get(0).label()).isEqualTo("legit");
        assertThat(p.get(0).probability("fraud")).isEqualTo(0.01f);
        assertThat(p.get(1).label()).isEqualTo("fraud");
        assertThat(p.get(1).probability("fraud")).isEqualTo(0.81f, org.assertj.core.data.Offset.offset(1e-6f)); // 0.01+0.35+0.20+0.25
        assertThat(m.explain(mule, "fraud", 2).top()).extracting(a -> a.name())
                .containsExactly("same_amount_count_1h", "log_amount");
        assertThatThrownBy(() -> m.predict(List.of(new float[3]))).hasMessageContaining("expected");
    }

    @Test
    @SuppressWarnings("unchecked")
    void noteRiskIsTheWeakLabellingRules() {
        ScoringModel<String> m = (ScoringModel<String>) RulesModels.create("note-risk");
        String urgent = "Patient transferred to the ICU for septic shock.";
        assertThat(m.predict(List.of(urgent, "Routine follow-up, no chest pain.")))
                .extracting(Prediction::label).containsExactly("urgent", "routine");
        var a = m.explain(urgent, 3).top().get(0);
        assertThat(urgent.substring(a.start(), a.end()).toLowerCase()).isEqualTo(a.name());
    }

    @Test
    void theStoreServesRulesUnderTheReservedVersion() {
        ModelStore store = new ModelStore(dir);
        try (ScoringModel<?> m = store.load("note-risk", "rules")) {
            assertThat(m).isInstanceOf(NoteRiskRulesModel.class);
        }
        assertThat(store.versions("note-risk")).isEmpty(); // never a directory
        assertThatThrownBy(() -> store.load("unknown-model", "rules")).hasMessageContaining("no rules fallback");
    }
}
