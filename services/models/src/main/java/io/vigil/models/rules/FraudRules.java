package io.vigil.models.rules;

import io.vigil.models.Attribution;
import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.features.TransactionFeaturizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * transaction-fraud rules over the stream's own features (the current {@code TransactionFeaturizer.SPEC}, read by name), points added up:
 * <ul>
 *   <li>+0.35 the same amount was seen in the last hour (any account: the transfer-then-cash-out pattern);</li>
 *   <li>+0.20 a transfer or cash-out;</li>
 *   <li>+0.15 an amount over 10,000; +0.10 more over 100,000;</li>
 *   <li>+0.15 at least 5 transactions of the account in the last hour (velocity);</li>
 *   <li>+0.10 more than 5x the account's average amount;</li>
 *   <li>+0.05 a counterparty the account never paid before (only when it has history).</li>
 * </ul>
 * score = P(fraud) = min(0.99, 0.01 + points); label fraud when score &gt;= 0.5. The explanation lists the
 * rules that fired as features with their points.
 */
public final class FraudRules implements ScoringModel<float[]>, FeatureInput {

    public static final String MODEL = "transaction-fraud";
    public static final List<String> LABELS = List.of("legit", "fraud");
    private static final List<String> NAMES = TransactionFeaturizer.SPEC.names();
    private static final int AMOUNT = NAMES.indexOf("log_amount");
    private static final int COUNT_1H = NAMES.indexOf("txn_count_1h");
    private static final int RATIO = NAMES.indexOf("log_amount_to_avg_ratio");
    private static final int HISTORY = NAMES.indexOf("has_history");
    private static final int NEW_CP = NAMES.indexOf("new_counterparty");
    private static final int SAME_AMOUNT = NAMES.indexOf("same_amount_count_1h");
    private static final int TRANSFER = NAMES.indexOf("type_transfer");
    private static final int CASH_OUT = NAMES.indexOf("type_cash_out");

    /** One rule that fired: the feature it reads, its value, its points. */
    private record Fired(String feature, double value, double points) {}

    @Override
    public String name() {
        return MODEL;
    }

    @Override
    public String version() {
        return RulesModels.VERSION;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }

    @Override
    public List<String> featureNames() {
        return NAMES;
    }

    static List<Fired> fired(float[] x) {
        if (x.length != NAMES.size()) throw new IllegalArgumentException("expected " + NAMES.size() + " features, got " + x.length);
        List<Fired> f = new ArrayList<>();
        if (x[SAME_AMOUNT] >= 1) f.add(new Fired("same_amount_count_1h", x[SAME_AMOUNT], 0.35));
        if (x[TRANSFER] > 0 || x[CASH_OUT] > 0) f.add(new Fired(x[TRANSFER] > 0 ? "type_transfer" : "type_cash_out", 1, 0.20));
        double amount = Math.expm1(x[AMOUNT]);
        if (amount > 10_000) f.add(new Fired("log_amount", x[AMOUNT], amount > 100_000 ? 0.25 : 0.15));
        if (x[COUNT_1H] >= 5) f.add(new Fired("txn_count_1h", x[COUNT_1H], 0.15));
        if (x[RATIO] > Math.log(5)) f.add(new Fired("log_amount_to_avg_ratio", x[RATIO], 0.10));
        if (x[HISTORY] > 0 && x[NEW_CP] > 0) f.add(new Fired("new_counterparty", 1, 0.05));
        return f;
    }

    static float score(List<Fired> f) {
        return (float) Math.min(0.99, 0.01 + f.stream().mapToDouble(Fired::points).sum());
    }

    @Override
    public List<Prediction> predict(List<float[]> inputs) {
        return inputs.stream().map(x -> {
            float s = score(fired(x));
            return Prediction.of(LABELS, new float[] {1 - s, s});
        }).toList();
    }

    @Override
    public Explanation explain(float[] input, int topK) {
        return explain(input, score(fired(input)) >= 0.5 ? "fraud" : "legit", topK);
    }

    @Override
    public Explanation explain(float[] input, String label, int topK) {
        int want = LABELS.indexOf(label);
        if (want < 0) throw new IllegalArgumentException("unknown label " + label);
        List<Attribution> atts = new ArrayList<>();
        for (Fired f : fired(input)) atts.add(new Attribution(f.feature(), -1, -1, f.value(), want == 1 ? f.points() : -f.points()));
        atts.sort(Comparator.comparingDouble((Attribution a) -> -Math.abs(a.weight())));
        return new Explanation(label, "rules:points", List.copyOf(atts.subList(0, Math.min(topK, atts.size()))));
    }

    @Override
    public void close() {
        // nothing held
    }
}
