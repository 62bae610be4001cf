package io.vigil.models.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TransactionFeaturizerTest {

    private static final long H = TransactionFeaturizer.HOUR_MS;
    private static final FeatureSpec SPEC = TransactionFeaturizer.SPEC;
    private static final long T0 = 1_700_000_000_000L - (1_700_000_000_000L % (24 * H)); // midnight UTC

    private static float f(float[] x, String name) {
        return x[SPEC.index(name)];
    }

    private static Txn txn(long t, double amount, String cp) {
        return new Txn("acct", cp, amount, "TRANSFER", null, t);
    }

    @Test
    void windowsCountEarlierTransactionsWithHalfOpenBoundaries() {
        AccountState s = null;
        // history: t0 (100), t0+30min (200), t0+1h (300)
        for (Txn t : new Txn[] {txn(T0, 100, "a"), txn(T0 + H / 2, 200, "b"), txn(T0 + H, 300, "c")}) {
            s = TransactionFeaturizer.apply(s, t).state();
        }
        // at t0 + 1.5h: 1 h window (t-1h, t] holds t0+30min and t0+1h; t0+30min is exactly 1 h old -> out
        float[] x = TransactionFeaturizer.apply(s, txn(T0 + H + H / 2, 50, "a")).features();
        assertThat(f(x, "txn_count_1h")).isEqualTo(1f);
        assertThat(f(x, "log_amount_sum_1h")).isCloseTo((float) Math.log1p(300), within(1e-5f));
        assertThat(f(x, "txn_count_24h")).isEqualTo(3f);
        assertThat(f(x, "log_amount_sum_24h")).isCloseTo((float) Math.log1p(600), within(1e-5f));
        // at t0 + 24h: t0 is exactly 24 h old -> out of the 24 h window; the others are in
        float[] y = TransactionFeaturizer.apply(s, txn(T0 + 24 * H, 50, "a")).features();
        assertThat(f(y, "txn_count_24h")).isEqualTo(2f);
        assertThat(f(y, "txn_count_1h")).isEqualTo(0f);
        assertThat(f(y, "hour_of_day")).isEqualTo(0f);
    }

    @Test
    void averageRatioAndSecondsSinceLast() {
        AccountState s = TransactionFeaturizer.apply(null, txn(T0, 100, "a")).state();
        s = TransactionFeaturizer.apply(s, txn(T0 + 60_000, 300, "a")).state();
        // average of earlier amounts = 200; new amount 799 -> log(800/201)
        float[] x = TransactionFeaturizer.apply(s, txn(T0 + 120_000, 799, "a")).features();
        assertThat(f(x, "log_avg_amount")).isCloseTo((float) Math.log1p(200), within(1e-5f));
        assertThat(f(x, "log_amount_to_avg_ratio")).isCloseTo((float) Math.log(800.0 / 201.0), within(1e-5f));
        assertThat(f(x, "log_secs_since_last")).isCloseTo((float) Math.log1p(60), within(1e-5f));
        assertThat(f(x, "has_history")).isEqualTo(1f);
        assertThat(f(x, "type_transfer")).isEqualTo(1f);
        assertThat(f(x, "category_other")).isEqualTo(0f);
    }

    @Test
    void firstTransactionHasNoHistory() {
        float[] x = TransactionFeaturizer.apply(null, new Txn("c", "m", 10, null, "grocery_pos", T0 + 13 * H)).features();
        assertThat(f(x, "has_history")).isZero();
        assertThat(f(x, "log_amount_to_avg_ratio")).isZero();
        assertThat(f(x, "new_counterparty")).isEqualTo(1f);
        assertThat(f(x, "hour_of_day")).isEqualTo(13f);
        assertThat(f(x, "category_grocery_pos")).isEqualTo(1f);
        assertThat(f(x, "type_transfer")).isZero();
        assertThat(f(x, "type_other")).isZero();
    }

    @Test
    void firstSeenCounterpartyIsBoundedAndForgetsOldest() {
        AccountState s = TransactionFeaturizer.apply(null, txn(T0, 1, "shop")).state();
        assertThat(f(TransactionFeaturizer.apply(s, txn(T0 + 1, 1, "shop")).features(), "new_counterparty")).isZero();
        assertThat(f(TransactionFeaturizer.apply(s, txn(T0 + 1, 1, "other")).features(), "new_counterparty")).isEqualTo(1f);
        for (int i = 0; i < AccountState.MAX_COUNTERPARTIES; i++) {
            s = TransactionFeaturizer.apply(s, txn(T0 + 2 + i, 1, "cp" + i)).state();
        }
        assertThat(s.counterpartySize()).isEqualTo(AccountState.MAX_COUNTERPARTIES);
        // "shop" was the oldest and has been forgotten
        assertThat(f(TransactionFeaturizer.apply(s, txn(T0 + 999, 1, "shop")).features(), "new_counterparty")).isEqualTo(1f);
    }

    @Test
    void stateDropsEntriesOlderThanADayAndRoundTripsThroughBytes() {
        AccountState s = TransactionFeaturizer.apply(null, txn(T0, 5, "a")).state();
        s = TransactionFeaturizer.apply(s, txn(T0 + 25 * H, 7, "a")).state();
        assertThat(s.recentSize()).isEqualTo(1);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.sum()).isEqualTo(12.0);
        AccountState back = AccountState.fromBytes(s.toBytes());
        assertThat(back).isEqualTo(s);
        float[] a = TransactionFeaturizer.apply(s, txn(T0 + 26 * H, 9, "b")).features();
        float[] b = TransactionFeaturizer.apply(back, txn(T0 + 26 * H, 9, "b")).features();
        assertThat(b).containsExactly(a);
    }

    @Test
    void specIsVersionedAndOrdered() {
        assertThat(SPEC.version()).isEqualTo("txn-features-v2").isEqualTo(TransactionFeaturizer.VERSION);
        assertThat(SPEC.names().get(0)).isEqualTo("log_amount");
        assertThat(SPEC.names()).doesNotHaveDuplicates().hasSize(TransactionFeaturizer.apply(null, txn(T0, 1, "a")).features().length);
    }

    @Test
    void sameAmountAcrossAccountsWithinAnHour() {
        Txn a = new Txn("victim", "mule", 1500.0, "TRANSFER", null, T0);
        Txn b = new Txn("other", "merchant", 1500.00, "CASH_OUT", null, T0 + H - 1);
        Txn c = new Txn("third", "x", 1500.0, "CASH_OUT", null, T0 + 2 * H);
        assertThat(TransactionFeaturizer.amountKey(a)).isEqualTo("1500").isEqualTo(TransactionFeaturizer.amountKey(b));
        var ra = TransactionFeaturizer.apply(null, null, a);
        assertThat(f(ra.features(), "same_amount_count_1h")).isZero();
        assertThat(f(ra.features(), "amount_is_whole")).isEqualTo(1f);
        var rb = TransactionFeaturizer.apply(null, ra.amountState(), b);
        assertThat(f(rb.features(), "same_amount_count_1h")).isEqualTo(1f);
        // two hours later both are out of the window (and pruned from the state)
        var rc = TransactionFeaturizer.apply(null, rb.amountState(), c);
        assertThat(f(rc.features(), "same_amount_count_1h")).isZero();
        assertThat(rc.amountState().size()).isEqualTo(1);
        assertThat(AmountState.fromBytes(rb.amountState().toBytes())).isEqualTo(rb.amountState());
        assertThat(f(TransactionFeaturizer.apply(null, null, new Txn("a", "b", 12.5, null, null, T0)).features(),
                "amount_is_whole")).isZero();
    }

    @Test
    void balanceBeforeGivesTheShareOfTheBalanceMoved() {
        float[] drain = TransactionFeaturizer.apply(null, new Txn("a", "b", 1500.0, "TRANSFER", null, T0, 1500.0)).features();
        assertThat(f(drain, "has_balance_before")).isEqualTo(1f);
        assertThat(f(drain, "log_balance_before")).isCloseTo((float) Math.log1p(1500), within(1e-5f));
        assertThat(f(drain, "amount_to_balance_share")).isEqualTo(1f);
        assertThat(f(drain, "drains_balance")).isEqualTo(1f);
        assertThat(f(drain, "log_balance_remaining")).isZero();

        float[] part = TransactionFeaturizer.apply(null, new Txn("a", "b", 500.0, "TRANSFER", null, T0, 2000.0)).features();
        assertThat(f(part, "amount_to_balance_share")).isCloseTo(0.25f, within(1e-6f));
        assertThat(f(part, "drains_balance")).isZero();
        assertThat(f(part, "log_balance_remaining")).isCloseTo((float) Math.log1p(1500), within(1e-5f));

        // a cent short of the balance is not a drain; more than the balance (or any amount on an empty account) is capped
        assertThat(f(TransactionFeaturizer.apply(null, new Txn("a", "b", 99.99, "TRANSFER", null, T0, 100.0)).features(),
                "drains_balance")).isZero();
        float[] over = TransactionFeaturizer.apply(null, new Txn("a", "b", 900.0, "CASH_IN", null, T0, 100.0)).features();
        assertThat(f(over, "amount_to_balance_share")).isEqualTo((float) TransactionFeaturizer.MAX_BALANCE_SHARE);
        assertThat(f(over, "log_balance_remaining")).isZero();
        float[] empty = TransactionFeaturizer.apply(null, new Txn("a", "b", 10.0, "PAYMENT", null, T0, 0.0)).features();
        assertThat(f(empty, "amount_to_balance_share")).isEqualTo((float) TransactionFeaturizer.MAX_BALANCE_SHARE);
        assertThat(f(empty, "drains_balance")).isZero();
        assertThat(f(empty, "has_balance_before")).isEqualTo(1f);
    }

    @Test
    void unknownOrInvalidBalanceLeavesTheBalanceFeaturesAtZero() {
        for (Double bad : new Double[] {null, -5.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            float[] x = TransactionFeaturizer.apply(null, new Txn("a", "b", 10.0, "TRANSFER", null, T0, bad)).features();
            for (String n : java.util.List.of("has_balance_before", "log_balance_before", "amount_to_balance_share",
                    "drains_balance", "log_balance_remaining")) {
                assertThat(f(x, n)).as("%s with balance %s", n, bad).isZero();
            }
        }
        // the balance never touches the account's history features
        float[] with = TransactionFeaturizer.apply(null, new Txn("a", "b", 10.0, "TRANSFER", null, T0, 10.0)).features();
        float[] without = TransactionFeaturizer.apply(null, new Txn("a", "b", 10.0, "TRANSFER", null, T0)).features();
        assertThat(f(with, "log_amount")).isEqualTo(f(without, "log_amount"));
        assertThat(f(with, "type_transfer")).isEqualTo(1f).isEqualTo(f(without, "type_transfer"));
    }
}
