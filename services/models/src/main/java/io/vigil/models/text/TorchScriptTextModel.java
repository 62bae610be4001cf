package io.vigil.models.text;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.vigil.models.Attribution;
import io.vigil.models.DjlOffline;
import io.vigil.models.Explanation;
import io.vigil.models.Json;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An exported TorchScript text classifier (e.g. a FinBERT/DistilBERT export) behind the same
 * interface: {@code model.pt} taking (input_ids int64 (B,T), attention_mask int64 (B,T)) and
 * returning logits (B, classes); {@code tokenizer.json}; {@code config.json} =
 * {@link Config}. Explanations by occlusion (the token's attention mask set to 0).
 */
public final class TorchScriptTextModel implements ScoringModel<String> {

    public static final String TYPE = "torchscript-text";

    /** config.json of an exported model. */
    public record Config(String type, List<String> labels, int maxLength) {}

    private final String name;
    private final String version;
    private final Config cfg;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;

    private TorchScriptTextModel(String name, String version, Config cfg, Model model, HuggingFaceTokenizer tok) {
        this.name = name;
        this.version = version;
        this.cfg = cfg;
        this.model = model;
        this.tokenizer = tok;
    }

    public static TorchScriptTextModel load(String name, Path dir) {
        DjlOffline.ensure();
        Config cfg = Json.read(dir.resolve("config.json"), Config.class);
        try {
            Model model = Model.newInstance(name, "PyTorch");
            model.load(dir, "model");
            HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"), Map.of(
                    "addSpecialTokens", "true", "truncation", "true", "padding", "false",
                    "maxLength", Integer.toString(cfg.maxLength())));
            return new TorchScriptTextModel(name, dir.getFileName().toString(), cfg, model, tok);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("bad TorchScript model in " + dir, e);
        }
    }

    private float[] forward(List<long[]> ids, List<long[]> masks) {
        int b = ids.size();
        int t = ids.stream().mapToInt(a -> a.length).max().orElse(1);
        long[] flatIds = new long[b * t];
        long[] flatMask = new long[b * t];
        for (int r = 0; r < b; r++) {
            System.arraycopy(ids.get(r), 0, flatIds, r * t, ids.get(r).length);
            System.arraycopy(masks.get(r), 0, flatMask, r * t, masks.get(r).length);
        }
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList in = new NDList(m.create(flatIds, new Shape(b, t)), m.create(flatMask, new Shape(b, t)));
            return model.getBlock().forward(new ParameterStore(m, false), in, false).head().softmax(1).toFloatArray();
        }
    }

    @Override
    public List<Prediction> predict(List<String> inputs) {
        List<Prediction> out = new ArrayList<>(inputs.size());
        int c = cfg.labels().size();
        for (int from = 0; from < inputs.size(); from += 64) {
            Encoding[] enc = tokenizer.batchEncode(inputs.subList(from, Math.min(inputs.size(), from + 64)));
            List<long[]> ids = new ArrayList<>();
            List<long[]> masks = new ArrayList<>();
            for (Encoding e : enc) {
                ids.add(e.getIds());
                masks.add(e.getAttentionMask());
            }
            float[] p = forward(ids, masks);
            for (int r = 0; r < enc.length; r++) {
                out.add(Prediction.of(cfg.labels(), java.util.Arrays.copyOfRange(p, r * c, r * c + c)));
            }
        }
        return out;
    }

    @Override
    public Explanation explain(String input, int topK) {
        return explain(input, null, topK);
    }

    @Override
    public Explanation explain(String input, String labelName, int topK) {
        Encoding e = tokenizer.encode(input);
        int[] pos = TextEncoder.contentPositions(e);
        List<long[]> ids = new ArrayList<>();
        List<long[]> masks = new ArrayList<>();
        ids.add(e.getIds());
        masks.add(e.getAttentionMask());
        for (int p : pos) {
            long[] m = e.getAttentionMask().clone();
            m[p] = 0;
            ids.add(e.getIds());
            masks.add(m);
        }
        float[] p = forward(ids, masks);
        int c = cfg.labels().size();
        Prediction base = Prediction.of(cfg.labels(), java.util.Arrays.copyOf(p, c));
        int label = labelName == null ? base.labelIndex() : cfg.labels().indexOf(labelName);
        if (label < 0) {
            throw new IllegalArgumentException("unknown label " + labelName);
        }
        CharSpan[] spans = e.getCharTokenSpans();
        List<Attribution> atts = new ArrayList<>();
        for (int j = 0; j < pos.length; j++) {
            CharSpan s = spans[pos[j]];
            atts.add(new Attribution(e.getTokens()[pos[j]], s.getStart(), s.getEnd(), Double.NaN,
                    p[label] - p[(j + 1) * c + label]));
        }
        atts.sort(Comparator.comparingDouble((Attribution a) -> -Math.abs(a.weight())));
        return new Explanation(cfg.labels().get(label), "occlusion", List.copyOf(atts.subList(0, Math.min(topK, atts.size()))));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> labels() {
        return cfg.labels();
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
