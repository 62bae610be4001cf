package io.vigil.models.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.vigil.models.DjlOffline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storage format of a fine-tuned MiniLM layer copy: half-precision deltas, and the float32 format before it. */
class BertLayerBlockTest {

    @BeforeAll
    static void offline() {
        DjlOffline.ensure();
    }

    private static BertLayerBlock tuned(NDManager m, int layer, long seed) {
        BertLayerBlock b = new BertLayerBlock(layer);
        b.initialize(m, DataType.FLOAT32, new Shape(1, 4, MiniLm.HIDDEN));
        Random r = new Random(seed);
        for (Parameter p : b.getParameters().values()) {
            float[] v = p.getArray().toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (r.nextGaussian() * 2e-3); // about what fine-tuning moves a weight
            }
            p.getArray().set(java.nio.FloatBuffer.wrap(v));
        }
        return b;
    }

    private static List<float[]> values(BertLayerBlock b) {
        return b.getParameters().values().stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    @Test
    void savesHalfPrecisionDeltasThatLoadBackWithinTheirRounding() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            BertLayerBlock original = tuned(m, 4, 1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            original.saveParameters(new DataOutputStream(bytes));
            long floats = original.getParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
            // two bytes a value, plus a few header bytes
            assertThat((long) bytes.size()).isBetween(2 * floats, 2 * floats + 1024);

            BertLayerBlock loaded = new BertLayerBlock(4);
            loaded.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            List<float[]> a = values(original);
            List<float[]> b = values(loaded);
            double worst = 0;
            int outside = 0;
            for (int p = 0; p < a.size(); p++) {
                float[] pre = MiniLm.shared().layerWeight(4, p).values();
                for (int i = 0; i < a.get(p).length; i++) {
                    double delta = Math.abs(a.get(p)[i] - pre[i]);
                    double err = Math.abs(a.get(p)[i] - b.get(p)[i]);
                    // half precision keeps 11 significant bits of the delta (subnormals below 6e-5)
                    if (err > delta * 1e-3 + 1e-7) {
                        outside++;
                    }
                    worst = Math.max(worst, err);
                }
            }
            assertThat(outside).as("values off by more than the rounding of their delta").isZero();
            assertThat(worst).isPositive(); // it really is rounded: this is not a float32 copy
        }
    }

    @Test
    void stillReadsTheFloat32FormatOfEarlierVersions() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            BertLayerBlock original = tuned(m, 5, 2);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream os = new DataOutputStream(bytes);
            // what DJL's AbstractBlock wrote for version 1: version byte, input shapes, every parameter
            os.write(1);
            os.writeInt(0);
            for (Parameter p : original.getParameters().values()) {
                p.save(os);
            }
            BertLayerBlock loaded = new BertLayerBlock(5);
            loaded.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            List<float[]> a = values(original);
            List<float[]> b = values(loaded);
            for (int p = 0; p < a.size(); p++) {
                assertThat(java.util.Arrays.equals(a.get(p), b.get(p))).as("parameter %d read back exactly", p).isTrue();
            }
        }
    }

    @Test
    void rejectsAnUnknownFormatAndATruncatedFile() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new BertLayerBlock(5).loadParameters(m,
                    new DataInputStream(new ByteArrayInputStream(new byte[] {9, 0, 0, 0, 0}))))
                    .isInstanceOf(MalformedModelException.class).hasMessageContaining("unknown parameter format 9");
            // a truncated file is an error, not a half-loaded layer
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            tuned(m, 5, 3).saveParameters(new DataOutputStream(bytes));
            byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
            assertThatThrownBy(() -> new BertLayerBlock(5).loadParameters(m, new DataInputStream(new ByteArrayInputStream(cut))))
                    .isInstanceOf(java.io.EOFException.class);
        }
    }
}
