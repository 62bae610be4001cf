package io.vigil.models.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The frozen MiniLM part's output for a fixed list of texts, computed once (length-sorted batches)
 * and kept on the Java heap, so that training epochs only run the trainable part: the pooled
 * vector (384 floats) per text when no layer is tuned, else the hidden states of its tokens
 * entering the first tuned layer. Batches built from it are identical to what the model computes
 * from the raw text.
 */
public final class FrozenFeatures {

    private static final int BATCH = 64;

    private final TextClassifier model;
    private final List<String> texts;
    private final float[][] rows;
    private final boolean pooled;

    private FrozenFeatures(TextClassifier model, List<String> texts, float[][] rows, boolean pooled) {
        this.model = model;
        this.texts = texts;
        this.rows = rows;
        this.pooled = pooled;
    }

    /** For training the tuned MiniLM layers too: the output of the frozen layers below them. */
    public static FrozenFeatures compute(TextClassifier model, List<String> texts) {
        return compute(model, texts, model.config().layers() == 0);
    }

    /**
     * @param wholeEncoder cache the pooled output of the whole encoder, tuned layers included (they
     *     are not trained now, e.g. when the feedback service fine-tunes the head and n-grams)
     */
    public static FrozenFeatures compute(TextClassifier model, List<String> texts, boolean wholeEncoder) {
        TextModelConfig cfg = model.config();
        if (!cfg.usePretrained()) {
            throw new IllegalArgumentException("not a MiniLM model: " + cfg.architecture());
        }
        Encoding[] enc = model.encoder().tokenize(texts);
        int[] order = IntStream.range(0, texts.size()).boxed()
                .sorted(Comparator.comparingInt(i -> enc[i].getIds().length)).mapToInt(i -> i).toArray();
        float[][] rows = new float[texts.size()][];
        int h = MiniLm.HIDDEN;
        for (int from = 0; from < order.length; from += BATCH) {
            int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + BATCH));
            EncodedBatch b = model.encoder().encode(Arrays.stream(idx).mapToObj(i -> enc[i]).toArray(Encoding[]::new));
            try (NDManager m = model.djlModel().getNDManager().newSubManager()) {
                NDList in = b.toNDList(m);
                TextClassifierBlock block = (TextClassifierBlock) model.djlModel().getBlock();
                float[] f = (wholeEncoder ? block.pooledEncoder(new ai.djl.training.ParameterStore(m, false), in.get(0), in.get(1))
                        : TextClassifierBlock.frozenFeatures(cfg, in.get(0), in.get(1))).toFloatArray();
                for (int r = 0; r < idx.length; r++) {
                    if (wholeEncoder) {
                        rows[idx[r]] = Arrays.copyOfRange(f, r * h, (r + 1) * h);
                    } else {
                        int len = 0;
                        while (len < b.seqLen() && b.mask()[r * b.seqLen() + len] > 0) {
                            len++;
                        }
                        int at = r * b.seqLen() * h;
                        rows[idx[r]] = Arrays.copyOfRange(f, at, at + len * h);
                    }
                }
            }
        }
        return new FrozenFeatures(model, texts, rows, wholeEncoder);
    }

    /** The same cached features for another loaded copy of the same model version (same encoder). */
    public FrozenFeatures forCopy(TextClassifier copy) {
        if (!copy.config().equals(model.config())) {
            throw new IllegalArgumentException("a different model configuration");
        }
        return new FrozenFeatures(copy, texts, rows, pooled);
    }

    public int size() {
        return rows.length;
    }

    /** Cached token count of a text (1 when only the pooled vector is kept). */
    public int length(int index) {
        return pooled ? 1 : rows[index].length / MiniLm.HIDDEN;
    }

    /** Model inputs for the given text indices, with the frozen part as the fifth input. */
    public NDList inputs(NDManager m, int[] idx) {
        EncodedBatch b = model.encoder().encode(Arrays.stream(idx).mapToObj(texts::get).toList());
        NDList in = b.toNDList(m);
        int h = MiniLm.HIDDEN;
        if (pooled) {
            float[] f = new float[idx.length * h];
            for (int r = 0; r < idx.length; r++) {
                System.arraycopy(rows[idx[r]], 0, f, r * h, h);
            }
            in.add(m.create(f, new Shape(idx.length, h)));
        } else {
            float[] f = new float[idx.length * b.seqLen() * h];
            for (int r = 0; r < idx.length; r++) {
                float[] row = rows[idx[r]];
                System.arraycopy(row, 0, f, r * b.seqLen() * h, Math.min(row.length, b.seqLen() * h));
            }
            in.add(m.create(f, new Shape(idx.length, b.seqLen(), h)));
        }
        return in;
    }

    /** Predicted class per text, from the cached part (for the dev metric during training). */
    public int[] predicted() {
        int[] out = new int[rows.length];
        int k = model.labels().size();
        for (int from = 0; from < rows.length; from += BATCH) {
            int[] idx = IntStream.range(from, Math.min(rows.length, from + BATCH)).toArray();
            try (NDManager m = model.djlModel().getNDManager().newSubManager()) {
                float[] logits = model.djlModel().getBlock()
                        .forward(new ai.djl.training.ParameterStore(m, false), inputs(m, idx), false).head().toFloatArray();
                for (int r = 0; r < idx.length; r++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (logits[r * k + c] > logits[r * k + best]) {
                            best = c;
                        }
                    }
                    out[idx[r]] = best;
                }
            }
        }
        return out;
    }
}
