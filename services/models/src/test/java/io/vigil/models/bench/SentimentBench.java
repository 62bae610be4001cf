package io.vigil.models.bench;

import io.vigil.models.metrics.Metrics;
import io.vigil.models.store.ModelStore;
import io.vigil.models.text.NaiveBayesBaseline;
import io.vigil.models.text.TextModelConfig;
import io.vigil.models.train.Csv;
import io.vigil.models.train.SentimentTraining;
import io.vigil.models.train.TrainConfig;
import io.vigil.models.train.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Manual experiments (not a test): java ... SentimentBench nb | arch lr emb ngDim buckets order chars layers vocab drop. */
public final class SentimentBench {
    public static void main(String[] a) throws Exception {
        Path data = Path.of("data");
        if (a[0].equals("nb")) {
            Csv csv = Csv.read(data.resolve("sentiment/tfns_train.csv"));
            List<String> t = new ArrayList<>();
            int[] y = new int[csv.size()];
            int[] map = {0, 2, 1};
            for (int i = 0; i < csv.size(); i++) {
                t.add(csv.get(i, "text"));
                y[i] = map[Integer.parseInt(csv.get(i, "label").trim())];
            }
            int[][] s = Training.stratifiedSplit(y, 3, 0.15, Training.SEED);
            for (double alpha : new double[] {1, 0.5, 0.2, 0.1, 0.05, 0.02}) {
                NaiveBayesBaseline nb = new NaiveBayesBaseline(3, alpha);
                List<String> trX = new ArrayList<>();
                for (int i : s[0]) trX.add(t.get(i));
                int[] trY = java.util.Arrays.stream(s[0]).map(i -> y[i]).toArray();
                nb.fit(trX, trY);
                int[] p = java.util.Arrays.stream(s[1]).map(i -> nb.predict(t.get(i))).toArray();
                int[] dy = java.util.Arrays.stream(s[1]).map(i -> y[i]).toArray();
                System.out.println("alpha " + alpha + " macroF1 " + Metrics.macroF1(dy, p, 3) + " acc " + Metrics.accuracy(dy, p));
            }
            return;
        }
        TextModelConfig mc = new TextModelConfig(TextModelConfig.TYPE, a[0], SentimentTraining.LABELS, 64, 0,
                Integer.parseInt(a[2]), 4, Integer.parseInt(a[2]) * 2, Integer.parseInt(a[7]), Float.parseFloat(a[9]),
                Integer.parseInt(a[4]), Integer.parseInt(a[3]), Integer.parseInt(a[5]), Boolean.parseBoolean(a[6]), a.length > 11 && Boolean.parseBoolean(a[11]));
        TrainConfig tc = SentimentTraining.defaultTrainConfig().withLearningRate(Float.parseFloat(a[1]));
        if (a.length > 10) tc = tc.withMaxEpochs(Integer.parseInt(a[10]));
        System.out.println(SentimentTraining.train(data, new ModelStore(Path.of("/tmp/bench-" + System.nanoTime())), mc, tc, Integer.parseInt(a[8])));
    }
}
