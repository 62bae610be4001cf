package io.vigil.models.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vigil.models.text.MiniLm;
import io.vigil.models.text.TextEncoder;
import io.vigil.models.text.TextModelConfig;
import io.vigil.models.train.Csv;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Manual experiment (not a test): writes mean-pooled MiniLM states of every tweet (layers 1..6 + CLS of 6). */
public final class MiniLmFeatureDump {
    public static void main(String[] a) throws Exception {
        Csv csv = Csv.read(Path.of("data/sentiment/tfns_train.csv"));
        List<String> t = new ArrayList<>();
        int[] map = {0, 2, 1};
        int[] y = new int[csv.size()];
        for (int i = 0; i < csv.size(); i++) {
            t.add(csv.get(i, "text"));
            y[i] = map[Integer.parseInt(csv.get(i, "label").trim())];
        }
        int limit = a.length > 1 ? Integer.parseInt(a[1]) : t.size();
        Path tok = Path.of("/tmp/minilm-tok.json");
        MiniLm.copyTokenizer(tok);
        TextModelConfig cfg = new TextModelConfig(TextModelConfig.TYPE, "transformer", List.of("a"), 96, 0, 0, 0, 0, 0, 0, 2, 1, 1, false, false);
        long t0 = System.currentTimeMillis();
        MiniLm lm = MiniLm.shared();
        System.out.println("load ms " + (System.currentTimeMillis() - t0));
        int[] lens = new int[200];
        try (TextEncoder enc = new TextEncoder(tok, cfg);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[0])))) {
            out.writeInt(limit);
            long t1 = System.currentTimeMillis();
            // length-sorted batches: padding waste dominates otherwise
            Encoding[] all = enc.tokenize(t.subList(0, limit));
            Integer[] order = java.util.stream.IntStream.range(0, limit).boxed().toArray(Integer[]::new);
            java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> all[i].getIds().length));
            float[][] feats = new float[limit][];
            for (int from = 0; from < limit; from += 64) {
                int[] idx = java.util.Arrays.stream(order, from, Math.min(limit, from + 64)).mapToInt(i -> i).toArray();
                List<String> chunk = java.util.Arrays.stream(idx).mapToObj(t::get).toList();
                var b = enc.encode(chunk);
                for (Encoding e : enc.tokenize(chunk)) lens[Math.min(199, e.getIds().length)]++;
                try (NDManager m = NDManager.newBaseManager()) {
                    NDArray ids = m.create(b.ids(), new Shape(b.batch(), b.seqLen()));
                    NDArray mask = m.create(b.mask(), new Shape(b.batch(), b.seqLen()));
                    List<NDArray> hs = lm.forwardAll(ids, mask);
                    float[][] parts = new float[8][];
                    for (int l = 1; l <= 6; l++) parts[l - 1] = MiniLm.meanPool(hs.get(l), mask).toFloatArray();
                    parts[6] = hs.get(6).get(":, 0, :").toFloatArray();
                    parts[7] = MiniLm.meanPool(hs.get(0), mask).toFloatArray();
                    for (int r = 0; r < chunk.size(); r++) {
                        float[] f = new float[8 * 384];
                        for (int q = 0; q < 8; q++) System.arraycopy(parts[q], r * 384, f, q * 384, 384);
                        feats[idx[r]] = f;
                    }
                }
                if (from % 1280 == 0) System.out.println(from + " " + (System.currentTimeMillis() - t1) + " ms");
            }
            for (int i = 0; i < limit; i++) {
                out.writeInt(y[i]);
                for (float v : feats[i]) out.writeFloat(v);
            }
            System.out.println("encode ms " + (System.currentTimeMillis() - t1) + " for " + limit);
        }
        StringBuilder sb = new StringBuilder("lengths:");
        for (int i = 0; i < 200; i++) if (lens[i] > 0) sb.append(' ').append(i).append(':').append(lens[i]);
        System.out.println(sb);
    }
}
