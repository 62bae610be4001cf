package io.vigil.models.text;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the float initializers (weights) and the node list of an ONNX model straight from its
 * protobuf wire format (onnx.proto field numbers), without generated classes: ModelProto.graph = 7;
 * GraphProto.node = 1, initializer = 5; NodeProto.input = 1, output = 2, name = 3, op_type = 4;
 * TensorProto.dims = 1, data_type = 2, float_data = 4, name = 8, raw_data = 9 (little endian).
 * Only FLOAT (1) tensors are kept; others (e.g. int64 position ids) are skipped.
 */
public final class OnnxInitializers {

    /** A float tensor: shape and row-major values. */
    public record Tensor(long[] dims, float[] values) {}

    /** A graph node: op type, name, input and output value names. */
    public record Node(String opType, String name, List<String> inputs, List<String> outputs) {}

    private final Map<String, Tensor> tensors;
    private final List<Node> nodes;

    private OnnxInitializers(Map<String, Tensor> tensors, List<Node> nodes) {
        this.tensors = tensors;
        this.nodes = nodes;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public static OnnxInitializers parse(byte[] model) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(model);
        in.setSizeLimit(Integer.MAX_VALUE);
        ByteString graph = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == 7) {
                graph = in.readBytes();
            } else {
                in.skipField(tag);
            }
        }
        if (graph == null) {
            throw new IOException("not an ONNX model: no graph");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        CodedInputStream g = graph.newCodedInput();
        g.setSizeLimit(Integer.MAX_VALUE);
        for (int tag; (tag = g.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1) {
                nodes.add(node(g.readBytes()));
            } else if (field == 5) {
                tensor(g.readBytes(), tensors);
            } else {
                g.skipField(tag);
            }
        }
        return new OnnxInitializers(tensors, nodes);
    }

    private static Node node(ByteString b) throws IOException {
        CodedInputStream in = b.newCodedInput();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readStringRequireUtf8());
                case 2 -> outputs.add(in.readStringRequireUtf8());
                case 3 -> name = in.readStringRequireUtf8();
                case 4 -> op = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new Node(op, name, inputs, outputs);
    }

    private static void tensor(ByteString b, Map<String, Tensor> out) throws IOException {
        CodedInputStream in = b.newCodedInput();
        in.setSizeLimit(Integer.MAX_VALUE);
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = null;
        ByteString raw = null;
        List<Float> floats = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (field == 1 && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    dims.add(in.readInt64());
                }
                in.popLimit(limit);
            } else if (field == 1) {
                dims.add(in.readInt64());
            } else if (field == 2) {
                dataType = in.readInt32();
            } else if (field == 4 && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    floats.add(in.readFloat());
                }
                in.popLimit(limit);
            } else if (field == 4) {
                floats.add(in.readFloat());
            } else if (field == 8) {
                name = in.readStringRequireUtf8();
            } else if (field == 9) {
                raw = in.readBytes();
            } else {
                in.skipField(tag);
            }
        }
        if (dataType != 1 || name == null) {
            return; // not FLOAT
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long x : d) {
            n *= x;
        }
        float[] v = new float[Math.toIntExact(n)];
        if (raw != null) {
            ByteBuffer bb = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().get(v);
        } else if (floats.size() == v.length) {
            for (int i = 0; i < v.length; i++) {
                v[i] = floats.get(i);
            }
        } else {
            throw new IOException("tensor " + name + " holds " + floats.size() + " values for shape " + dims
                    + " (external data is not supported)");
        }
        out.put(name, new Tensor(d, v));
    }
}
