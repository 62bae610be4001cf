package io.vigil.ingest.stream;

import io.vigil.ingest.source.TransactionRows;

import io.vigil.models.features.AccountState;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.features.Txn;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.Transaction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-account features with the models module's {@link TransactionFeaturizer} (the same code training runs),
 * its {@link AccountState} kept in a persistent key-value store by account id in the state's own byte form
 * ({@code toBytes}/{@code fromBytes}). The amount features are left at their empty-state value here and filled in
 * by {@link AmountFeaturizer} after the repartition by amount, where every account's transactions of one amount
 * meet (so the stream sees what training sees).
 */
final class Featurizer implements FixedKeyProcessor<String, Checked<Transaction>, Checked<AccountFeatures>> {

    static final String ACCOUNTS = "transactions-accounts";
    private static final List<String> NAMES = TransactionFeaturizer.SPEC.names();

    private final DeadLetters letters;
    private FixedKeyProcessorContext<String, Checked<AccountFeatures>> context;
    private KeyValueStore<String, byte[]> accounts;

    Featurizer(DeadLetters letters) {
        this.letters = letters;
    }

    static StoreBuilder<KeyValueStore<String, byte[]>> accountStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCOUNTS), Serdes.String(), Serdes.ByteArray());
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<AccountFeatures>> context) {
        this.context = context;
        this.accounts = context.getStateStore(ACCOUNTS);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(FixedKeyRecord<String, Checked<Transaction>> record) {
        Checked<AccountFeatures> out = switch (record.value()) {
            case Checked.Rejected<Transaction> r -> (Checked<AccountFeatures>) (Checked<?>) r;
            case Checked.Ok<Transaction> ok -> {
                try {
                    yield new Checked.Ok<>(new AccountFeatures(ok.value(), ok.original(), accountFeatures(ok.value())), ok.original());
                } catch (RuntimeException e) {
                    yield new Checked.Rejected<>(letters.rejected(context.recordMetadata(),
                            "feature computation failed: " + e.getClass().getSimpleName(), "processing", ok.original()));
                }
            }
        };
        context.forward(record.withValue(out));
    }

    /** The feature vector with the account's history (amount features still at their empty-state value). */
    private float[] accountFeatures(Transaction t) {
        Txn txn = txn(t);
        byte[] acc = accounts.get(t.accountId());
        TransactionFeaturizer.Result r = TransactionFeaturizer.apply(acc == null ? null : AccountState.fromBytes(acc), null, txn);
        accounts.put(t.accountId(), r.state().toBytes());
        return r.features();
    }

    static EnrichedTransaction enriched(Transaction t, float[] features) {
        return new EnrichedTransaction(t.id(), t.eventTime(), t.source(), Event.CURRENT_VERSION, t, features(features),
                TransactionFeaturizer.SPEC.version());
    }

    static Txn txn(Transaction t) {
        return TransactionRows.toTxn(t);
    }

    static Map<String, Double> features(float[] f) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < f.length; i++) m.put(NAMES.get(i), (double) f[i]);
        return m;
    }
}
