package io.vigil.models.features;

import java.util.HashMap;
import java.util.Map;

/**
 * In-memory feature state for replaying transactions outside the stream (training, offline scoring):
 * the per-account and per-amount states the stream keeps in its state stores, held in maps here.
 * Feed transactions in event-time order.
 */
public final class FeatureReplay {

    private final Map<String, AccountState> accounts = new HashMap<>();
    private final Map<String, AmountState> amounts = new HashMap<>();

    /** The features of {@code txn} given everything replayed before it; updates the state. */
    public float[] next(Txn txn) {
        String amountKey = TransactionFeaturizer.amountKey(txn);
        TransactionFeaturizer.Result r = TransactionFeaturizer.apply(accounts.get(txn.accountId()), amounts.get(amountKey), txn);
        accounts.put(txn.accountId(), r.state());
        amounts.put(amountKey, r.amountState());
        return r.features();
    }
}
