package io.vigil.models.text;

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
import java.util.ArrayList;
import java.util.List;

/**
 * A trainable copy of one MiniLM layer ({@link MiniLm#layer}): 16 parameters, initialised from the
 * pre-trained layer {@code source} when the block is created, replaced by the saved values when a
 * fine-tuned version is loaded. Inputs: hidden states (B,T,384), attention offset (B,1,1,T).
 */
public final class BertLayerBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    private final int source;
    private final List<Parameter> params = new ArrayList<>();

    public BertLayerBlock(int source) {
        super(VERSION);
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
