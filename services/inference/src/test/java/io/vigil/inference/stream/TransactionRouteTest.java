package io.vigil.inference.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.inference.workload.ModelKind;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionRouteTest {

    private static final Instant T = Instant.parse("2026-11-22T13:30:00Z");
    private static final ModelKind FRAUD = new ModelKind(false, List.of("legit", "fraud"), TransactionFeaturizer.SPEC.names(),
            TransactionFeaturizer.SPEC.version());

    private static EnrichedTransaction event(String featureSet, Map<String, Double> features) {
        Transaction t = new Transaction("t1", T, "test", 1, "A", "M", BigDecimal.TEN, "USD", "TRANSFER", null, null, null, null,
                null, BigDecimal.TEN);
        return new EnrichedTransaction("t1", T, "test", 1, t, features, featureSet);
    }

    private static Map<String, Double> all(double v) {
        Map<String, Double> f = new LinkedHashMap<>();
        for (String n : TransactionFeaturizer.SPEC.names()) f.put(n, v);
        return f;
    }

    @Test
    void laysOutFeaturesByTheModelsNames() throws Unscorable {
        Map<String, Double> f = all(0.0);
        f.put("drains_balance", 1.0);
        float[] x = (float[]) new TransactionRoute().prepare(event(TransactionFeaturizer.SPEC.version(), f), FRAUD, 100).input();
        assertThat(x).hasSize(TransactionFeaturizer.SPEC.size());
        assertThat(x[TransactionFeaturizer.SPEC.index("drains_balance")]).isEqualTo(1f);
    }

    @Test
    void anotherFeatureSetIsDeadLetteredNotScored() {
        // a v1 event holds a subset of v2's names: by name alone it would be missing features or, worse, silently fit
        assertThatThrownBy(() -> new TransactionRoute().prepare(event("txn-features-v1", all(0.0)), FRAUD, 100))
                .isInstanceOfSatisfying(Unscorable.class, u -> assertThat(u.errorType).isEqualTo("feature-set-mismatch"))
                .hasMessageContaining("txn-features-v1").hasMessageContaining(TransactionFeaturizer.SPEC.version());
        // a model without a recorded spec (3-argument kind) is laid out by name only
        Map<String, Double> f = all(0.5);
        ModelKind legacy = new ModelKind(false, List.of("legit", "fraud"), TransactionFeaturizer.SPEC.names());
        assertThat(legacy.featureSet()).isNull();
        f.remove("log_amount");
        assertThatThrownBy(() -> new TransactionRoute().prepare(event("anything", f), legacy, 100))
                .isInstanceOfSatisfying(Unscorable.class, u -> assertThat(u.errorType).isEqualTo("missing-feature"));
    }
}
