package io.vigil.models.bench;

import io.vigil.models.store.ModelStore;
import io.vigil.models.train.FraudTraining;
import io.vigil.models.train.TrainConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Manual experiments (not a test): java ... FraudBench "64,32" "128,64" ... trains one model per MLP shape
 * (optionally "shape@epochs@patience@lr") and prints pooled / per-dataset dev AUPRC.
 */
public final class FraudBench {
    @SuppressWarnings("unchecked")
    public static void main(String[] a) throws Exception {
        for (String v : a) {
            String[] p = v.split("@");
            int[] hidden = Arrays.stream(p[0].split(",")).mapToInt(Integer::parseInt).toArray();
            TrainConfig tc = FraudTraining.defaultTrainConfig();
            if (p.length > 1) tc = tc.withMaxEpochs(Integer.parseInt(p[1]));
            if (p.length > 2) tc = new TrainConfig(tc.maxEpochs(), tc.batchSize(), tc.learningRate(), tc.weightDecay(),
                    Integer.parseInt(p[2]), tc.seed(), tc.classWeights());
            if (p.length > 3) tc = tc.withLearningRate(Float.parseFloat(p[3]));
            Map<String, Object> m = FraudTraining.train(Path.of("data"), new ModelStore(Path.of("/tmp/fraud-bench-" + System.nanoTime())), tc, hidden);
            StringBuilder s = new StringBuilder(v);
            for (String k : new String[] {"dev", "dev_paysim", "dev_sparkov"}) {
                Map<String, Object> d = (Map<String, Object>) m.get(k);
                s.append(' ').append(k).append(" auprc ").append(d.get("auprc")).append(" roc ").append(d.get("rocAuc"));
            }
            System.out.println("RESULT " + s);
        }
    }
}
