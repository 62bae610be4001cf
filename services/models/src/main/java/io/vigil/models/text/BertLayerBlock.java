package io.vigil.models.text;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trainable copy of one MiniLM layer ({@link MiniLm#layer}): 16 parameters, initialised from the
 * pre-trained layer {@code source} when the block is created, replaced by the saved values when a
 * fine-tuned version is loaded. Inputs: hidden states (B,T,384), attention offset (B,1,1,T).
 * Saved as half-precision differences from the pre-trained layer ({@link #VERSION_HALF_DELTA}).
 */
public final class BertLayerBlock extends AbstractBlock {

    /** Parameters as DJL writes them (float32). Still read, for versions saved before v2. */
    private static final byte VERSION_FLOAT32 = 1;
    /**
     * Parameters stored as their difference from the pre-trained layer, in IEEE half precision: half
     * the bytes of float32, and since fine-tuning moves weights little, the rounding error (about
     * 5e-4 of the difference, not of the weight) leaves the model's outputs unchanged in practice.
     */
    private static final byte VERSION_HALF_DELTA = 2;
    private final int source;
    private final List<Parameter> params = new ArrayList<>();

    public BertLayerBlock(int source) {
        super(VERSION_HALF_DELTA);
        this.source = source;
        for (String name : MiniLm.LAYER_PARAMS) {
            Parameter.Type type = name.endsWith("LayerNorm.weight") ? Parameter.Type.GAMMA
                    : name.endsWith("LayerNorm.bias") ? Parameter.Type.BETA
                    : name.endsWith("weight") ? Parameter.Type.WEIGHT : Parameter.Type.BIAS;
            params.add(addParameter(Parameter.builder()
                    .setName(name.replace('.', '_'))
                    .setType(type)
                    .optShape(shapeOf(name))
                    .build()));
        }
    }

    private static Shape shapeOf(String name) {
        int h = MiniLm.HIDDEN;
        int f = 4 * h;
        return switch (name) {
            case "intermediate.dense.weight" -> new Shape(h, f);
            case "intermediate.dense.bias" -> new Shape(f);
            case "output.dense.weight" -> new Shape(f, h);
            default -> name.endsWith("weight") && !name.contains("LayerNorm") ? new Shape(h, h) : new Shape(h);
        };
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Parameter p : params) {
            p.setInitializer(Initializer.ZEROS);
        }
        super.initialize(manager, dataType, inputShapes);
        MiniLm lm = MiniLm.shared();
        for (int i = 0; i < params.size(); i++) {
            OnnxInitializers.Tensor t = lm.layerWeight(source, i);
            params.get(i).getArray().set(java.nio.FloatBuffer.wrap(t.values()));
        }
    }

    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        os.write(VERSION_HALF_DELTA);
        saveMetadata(os);
        MiniLm lm = MiniLm.shared();
        for (int i = 0; i < params.size(); i++) {
            float[] v = params.get(i).getArray().toFloatArray();
            float[] base = lm.layerWeight(source, i).values();
            os.writeInt(v.length);
            byte[] half = new byte[v.length * 2];
            for (int j = 0; j < v.length; j++) {
                short h = Float.floatToFloat16(v[j] - base[j]);
                half[2 * j] = (byte) (h >> 8);
                half[2 * j + 1] = (byte) h;
            }
            os.write(half);
        }
    }

    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        byte version = is.readByte();
        if (version == VERSION_FLOAT32) {
            readInputShapes(is);
            for (Parameter p : params) {
                p.load(manager, is);
            }
            return;
        }
        if (version != VERSION_HALF_DELTA) {
            throw new MalformedModelException("MiniLM layer copy: unknown parameter format " + version);
        }
        readInputShapes(is);
        MiniLm lm = MiniLm.shared();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            int n = is.readInt();
            float[] base = lm.layerWeight(source, i).values();
            if (n != base.length || n != p.getShape().size()) {
                throw new MalformedModelException("MiniLM layer copy: " + p.getName() + " has " + n
                        + " values, the pre-trained layer " + base.length);
            }
            byte[] half = new byte[2 * n];
            is.readFully(half);
            float[] v = new float[n];
            for (int j = 0; j < n; j++) {
                v[j] = base[j] + Float.float16ToFloat((short) (((half[2 * j] & 0xff) << 8) | (half[2 * j + 1] & 0xff)));
            }
            p.setInitializer(Initializer.ZEROS);
            p.initialize(manager, DataType.FLOAT32);
            p.getArray().set(java.nio.FloatBuffer.wrap(v));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
        NDArray x = in.get(0);
        NDArray[] w = new NDArray[params.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = ps.getValue(params.get(i), x.getDevice(), training);
        }
        return new NDList(MiniLm.layer(x, in.get(1), w));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
