package io.vigil.ingest.stream;

import io.vigil.models.features.AmountState;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.topics.events.EnrichedTransaction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;


/**
 * The amount half of the features, after the repartition by amount: the models module's
 * {@link TransactionFeaturizer} run with the amount's {@link AmountState} (and no account state), of which only
 * the amount features are taken; the account features came from {@link Featurizer} before the repartition.
 * Input keyed by {@link TransactionFeaturizer#amountKey}, so one amount's state lives in one task.
 */
final class AmountFeaturizer implements FixedKeyProcessor<String, AccountFeatures, Checked<EnrichedTransaction>> {

    static final String AMOUNTS = "transactions-amounts";
    /** The features that need the amount store; everything else is the account step's. */
    static final String SAME_AMOUNT = "same_amount_count_1h";
    private static final int SAME_AMOUNT_INDEX = TransactionFeaturizer.SPEC.names().indexOf(SAME_AMOUNT);

    private final DeadLetters letters;
    private FixedKeyProcessorContext<String, Checked<EnrichedTransaction>> context;
    private KeyValueStore<String, byte[]> amounts;

    AmountFeaturizer(DeadLetters letters) {
        if (SAME_AMOUNT_INDEX < 0) throw new IllegalStateException("feature spec has no " + SAME_AMOUNT);
        this.letters = letters;
    }

    static StoreBuilder<KeyValueStore<String, byte[]>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AMOUNTS), Serdes.String(), Serdes.ByteArray());
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<EnrichedTransaction>> context) {
        this.context = context;
        this.amounts = context.getStateStore(AMOUNTS);
    }

    @Override
    public void process(FixedKeyRecord<String, AccountFeatures> record) {
        AccountFeatures a = record.value();
        Checked<EnrichedTransaction> out;
        try {
            out = new Checked.Ok<>(withAmountFeatures(record.key(), a), a.original());
        } catch (RuntimeException ex) {
            out = new Checked.Rejected<>(letters.rejected(context.recordMetadata(),
                    "amount feature computation failed: " + ex.getClass().getSimpleName(), "processing", a.original()));
        }
        context.forward(record.withValue(out));
    }

    private EnrichedTransaction withAmountFeatures(String amountKey, AccountFeatures a) {
        byte[] amt = amounts.get(amountKey);
        TransactionFeaturizer.Result r = TransactionFeaturizer.apply(null, amt == null ? null : AmountState.fromBytes(amt),
                Featurizer.txn(a.transaction()));
        amounts.put(amountKey, r.amountState().toBytes());
        float[] f = a.features().clone();
        f[SAME_AMOUNT_INDEX] = r.features()[SAME_AMOUNT_INDEX];
        return Featurizer.enriched(a.transaction(), f);
    }
}
