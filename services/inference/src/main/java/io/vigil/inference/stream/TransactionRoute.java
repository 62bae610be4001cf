package io.vigil.inference.stream;

import io.vigil.inference.workload.ModelKind;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.Score;
import io.vigil.topics.events.ScoredTransaction;
import java.util.List;
import java.util.Map;

/**
 * transactions.enriched -> transactions.scored: the features map (computed by the shared feature code)
 * is laid out in the order the served model was trained on, by name. An event whose featureSet is not the one
 * the model was trained on is dead-lettered ({@code feature-set-mismatch}) rather than scored: same names need
 * not mean same definitions across versions.
 */
final class TransactionRoute implements Route<EnrichedTransaction> {

    @Override
    public Domain domain() {
        return Domain.TRANSACTIONS;
    }

    @Override
    public Topic<String, EnrichedTransaction> input() {
        return Topics.TRANSACTIONS_ENRICHED;
    }

    @Override
    public Topic<String, ?> output() {
        return Topics.TRANSACTIONS_SCORED;
    }

    @Override
    public Prepared<EnrichedTransaction> prepare(EnrichedTransaction t, ModelKind kind, int maxTextChars) throws Unscorable {
        if (kind.featureSet() != null && !kind.featureSet().equals(t.featureSet())) {
            throw new Unscorable("featureSet '" + t.featureSet() + "' of the event is not the model's '" + kind.featureSet()
                    + "' (re-enrich the event or serve a model trained on it)", "feature-set-mismatch");
        }
        List<String> names = kind.featureNames();
        float[] x = new float[names.size()];
        for (int i = 0; i < x.length; i++) {
            Double v = t.features().get(names.get(i));
            if (v == null) {
                throw new Unscorable("feature '" + names.get(i) + "' is missing (featureSet " + t.featureSet()
                        + "); the model needs " + names.size() + " features", "missing-feature");
            }
            if (!Double.isFinite(v)) throw new Unscorable("feature '" + names.get(i) + "' is not finite", "bad-feature");
            x[i] = v.floatValue();
        }
        return new Prepared<>(t, x, null);
    }

    @Override
    public Object scored(EnrichedTransaction t, Score score, String source) {
        return ScoredTransaction.of(t, score, source);
    }

    @Override
    public String id(EnrichedTransaction t) {
        return t.id();
    }

    @Override
    public Map<String, Double> reviewFeatures(EnrichedTransaction t) {
        return t.features();
    }
}
