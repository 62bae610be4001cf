package io.vigil.models.bench;

import io.vigil.models.text.TextClassifier;
import io.vigil.models.train.Csv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Manual measurement (not a test): sentences/s of text models by batch size on real tweets, and the
 * cost of one occlusion explanation. Args: seconds-per-cell name=versionDir...
 * (e.g. 3 ngram=/tmp/old/news-sentiment/v1 minilm=services/models/src/main/resources/models/news-sentiment/v1).
 */
public final class TextThroughputBench {
    public static void main(String[] a) throws Exception {
        Csv csv = Csv.read(Path.of("data/sentiment/tfns_train.csv"));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < csv.size(); i++) texts.add(csv.get(i, "text"));
        double secs = Double.parseDouble(a[0]);
        int[] batches = {1, 8, 32, 64, 128, 256};
        for (int k = 1; k < a.length; k++) {
            String[] nv = a[k].split("=", 2);
            try (TextClassifier m = TextClassifier.load("news-sentiment", Path.of(nv[1]))) {
                m.predict(texts.subList(0, 64)); // warm up
                StringBuilder sb = new StringBuilder(nv[0] + " sentences/s by batch");
                int at = 0;
                for (int b : batches) {
                    long t0 = System.nanoTime();
                    int n = 0;
                    while ((System.nanoTime() - t0) / 1e9 < secs) {
                        List<String> chunk = new ArrayList<>(b);
                        for (int i = 0; i < b; i++) chunk.add(texts.get((at++) % texts.size()));
                        m.predict(chunk);
                        n += b;
                    }
                    sb.append(String.format(" %d:%.0f", b, n / ((System.nanoTime() - t0) / 1e9)));
                }
                long t0 = System.nanoTime();
                int ex = 0;
                do {
                    m.explain(texts.get((at++) % texts.size()), 5);
                    ex++;
                } while ((System.nanoTime() - t0) / 1e9 < secs);
                sb.append(String.format("; explain (occlusion) %.1f ms/text", (System.nanoTime() - t0) / 1e6 / ex));
                System.out.println(sb);
            }
        }
    }
}
