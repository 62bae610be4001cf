package io.vigil.models.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.nn.transformer.TransformerEncoderBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs: token ids (B,T), token mask (B,T), n-gram ids (B,N), n-gram mask (B,N). Branches:
 * token + position embeddings -> TransformerEncoderBlock x layers (mask as additive offset
 * (B,1,1,T)) -> masked mean; hashed n-gram embeddings -> masked mean (fastText). The pooled
 * vectors are concatenated -> dropout -> linear head. Output: logits (B, classes).
 * Architectures "minilm" / "minilm-ngram": the pre-trained {@link MiniLm} encoder (frozen, its top
 * {@code layers} layers fine-tuned as {@link BertLayerBlock}s) mean pooled, instead of the
 * transformer trained from scratch; the token ids are then MiniLM's WordPiece ids.
 */
public final class TextClassifierBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Child block names of fine-tuned MiniLM layers start with this (the trainer slows them down). */
    public static final String PRETRAINED_PREFIX = "minilm";

    private final TextModelConfig cfg;
    private IdEmbedding tokens;
    private IdEmbedding positions;
    private final List<TransformerEncoderBlock> layers = new ArrayList<>();
    private IdEmbedding ngrams;
    private final List<BertLayerBlock> tuned = new ArrayList<>();
    private final Dropout dropout;
    private final Linear head;

    public TextClassifierBlock(TextModelConfig cfg) {
        super(VERSION);
        this.cfg = cfg;
        if (cfg.usePretrained()) {
            // the frozen MiniLM lower layers are not parameters of this block (not saved, not trained);
            // the top cfg.layers() layers are trainable copies
            for (int i = 0; i < cfg.layers(); i++) {
                tuned.add(addChildBlock(PRETRAINED_PREFIX + (MiniLm.LAYERS - cfg.layers() + i),
                        new BertLayerBlock(MiniLm.LAYERS - cfg.layers() + i)));
            }
        } else if (cfg.useTransformer()) {
            tokens = addChildBlock("tokens", new IdEmbedding.Builder()
                    .setDictionarySize(cfg.vocabSize()).setEmbeddingSize(cfg.embeddingSize()).build());
            positions = addChildBlock("positions", new IdEmbedding.Builder()
                    .setDictionarySize(cfg.maxLength()).setEmbeddingSize(cfg.embeddingSize()).build());
            for (int i = 0; i < cfg.layers(); i++) {
                layers.add(addChildBlock("encoder" + i, new TransformerEncoderBlock(
                        cfg.embeddingSize(), cfg.heads(), cfg.ffnSize(), cfg.dropout(), Activation::gelu)));
            }
        }
        if (cfg.useNgrams()) {
            ngrams = addChildBlock("ngrams", new IdEmbedding.Builder()
                    .setDictionarySize(cfg.ngramBuckets()).setEmbeddingSize(cfg.ngramDim()).build());
        }
        dropout = addChildBlock("dropout", Dropout.builder().optRate(cfg.dropout()).build());
        head = addChildBlock("head", Linear.builder().setUnits(cfg.labels().size()).build());
    }

    private int pooledSize() {
        return (cfg.usePretrained() ? MiniLm.HIDDEN : cfg.useTransformer() ? cfg.embeddingSize() : 0) + (cfg.useNgrams() ? cfg.ngramDim() * (cfg.ngramMaxPool() ? 2 : 1) : 0);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = in.get(0);
        NDArray mask = in.get(1);
        List<NDArray> pooled = new ArrayList<>(2);
        if (cfg.usePretrained()) {
            pooled.add(pretrained(ps, in, training));
        } else if (cfg.useTransformer()) {
            long t = ids.getShape().get(1);
            NDArray x = tokens.forward(ps, new NDList(ids), training).head();
            NDArray pos = ids.getManager().arange(t).toType(DataType.INT64, false);
            x = x.add(positions.forward(ps, new NDList(pos), training).head());
            // 0 where attended, a large negative number where padded/occluded
            NDArray offset = mask.sub(1f).mul(1e4f).reshape(ids.getShape().get(0), 1, 1, t);
            for (TransformerEncoderBlock layer : layers) {
                x = layer.forward(ps, new NDList(x, offset), training).head();
            }
            pooled.add(maskedMean(x, mask));
        }
        if (cfg.useNgrams()) {
            NDArray e = ngrams.forward(ps, new NDList(in.get(2)), training).head();
            NDArray ngMask = in.get(3);
            if (training && cfg.dropout() > 0) {
                // feature dropout: whole n-grams are dropped so no single n-gram is relied on
                ngMask = ngMask.mul(ngMask.getManager().randomUniform(0f, 1f, ngMask.getShape()).gt(cfg.dropout()).toType(DataType.FLOAT32, false));
            }
            pooled.add(maskedMean(e, ngMask));
            if (cfg.ngramMaxPool()) {
                NDArray offset = ngMask.sub(1f).mul(1e4f).expandDims(2);
                pooled.add(e.add(offset).max(new int[] {1}));
            }
        }
        NDArray h = pooled.size() == 1 ? pooled.get(0) : NDArrays.concat(new NDList(pooled), 1);
        h = dropout.forward(ps, new NDList(h), training).head();
        return head.forward(ps, new NDList(h), training);
    }

    /**
     * MiniLM branch, mean pooled. A fifth input, when given, holds the frozen part's output computed
     * once before training ({@link FrozenFeatures}): pooled (B,384) when no layer is trained now, else
     * the hidden states (B,T,384) entering the first tuned layer.
     */
    private NDArray pretrained(ParameterStore ps, NDList in, boolean training) {
        NDArray ids = in.get(0);
        NDArray mask = in.get(1);
        if (in.size() > 4 && in.get(4).getShape().dimension() == 2) {
            return in.get(4); // already pooled: nothing of the encoder is trained now
        }
        NDArray x = in.size() > 4 ? in.get(4) : MiniLm.shared().forward(ids, mask, MiniLm.LAYERS - tuned.size());
        NDArray offset = MiniLm.attentionOffset(mask);
        for (BertLayerBlock layer : tuned) {
            x = layer.forward(ps, new NDList(x, offset), training).head();
        }
        return MiniLm.meanPool(x, mask);
    }

    /** The pooled MiniLM vector (B,384) of the whole encoder, tuned layers included (inference mode). */
    public NDArray pooledEncoder(ParameterStore ps, NDArray ids, NDArray mask) {
        return pretrained(ps, new NDList(ids, mask), false);
    }

    /** The trainable copies of MiniLM layers (empty unless architecture minilm*). */
    public List<BertLayerBlock> tunedLayers() {
        return tuned;
    }

    /** What {@link #pretrained} takes as its fifth input for a batch of token ids and mask. */
    public static NDArray frozenFeatures(TextModelConfig cfg, NDArray ids, NDArray mask) {
        return MiniLm.shared().forward(ids, mask, MiniLm.LAYERS - cfg.layers());
    }

    private static NDArray maskedMean(NDArray x, NDArray mask) {
        NDArray m = mask.expandDims(2);
        return x.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).clip(1f, Float.MAX_VALUE));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), cfg.labels().size())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... s) {
        long b = s[0].get(0);
        long t = s[0].get(1);
        if (cfg.usePretrained()) {
            for (BertLayerBlock layer : tuned) {
                layer.initialize(manager, dataType, new Shape(b, t, MiniLm.HIDDEN));
            }
        } else if (cfg.useTransformer()) {
            tokens.initialize(manager, dataType, s[0]);
            positions.initialize(manager, dataType, new Shape(t));
            for (TransformerEncoderBlock layer : layers) {
                layer.initialize(manager, dataType, new Shape(b, t, cfg.embeddingSize())); // the mask is a forward-time input only
            }
        }
        if (cfg.useNgrams()) {
            ngrams.initialize(manager, dataType, s[2]);
        }
        dropout.initialize(manager, dataType, new Shape(b, pooledSize()));
        head.initialize(manager, dataType, new Shape(b, pooledSize()));
    }
}
