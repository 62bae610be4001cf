package io.vigil.models.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.vigil.models.DjlOffline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Text -> model inputs: HuggingFace tokenizer (batchEncode) + hashed n-grams. Not thread-safe. */
public final class TextEncoder implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final NgramHasher hasher;
    private final int maxLength;

    public TextEncoder(Path tokenizerJson, TextModelConfig cfg) throws IOException {
        DjlOffline.ensure();
        this.maxLength = cfg.maxLength();
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(cfg.maxLength())));
        this.hasher = new NgramHasher(cfg.ngramBuckets(), cfg.ngramOrder(), cfg.charNgrams());
    }

    public HuggingFaceTokenizer tokenizer() {
        return tokenizer;
    }

    public int maxLength() {
        return maxLength;
    }

    public Encoding[] tokenize(List<String> texts) {
        return tokenizer.batchEncode(texts);
    }

    public EncodedBatch encode(List<String> texts) {
        return encode(tokenize(texts));
    }

    /** Model inputs for texts tokenized already. */
    public EncodedBatch encode(Encoding[] enc) {
        List<long[]> ids = new ArrayList<>(enc.length);
        List<String[]> toks = new ArrayList<>(enc.length);
        List<Set<Integer>> drops = new ArrayList<>(enc.length);
        for (Encoding e : enc) {
            ids.add(e.getIds());
            toks.add(e.getTokens());
            drops.add(Set.of());
        }
        return build(ids, toks, drops);
    }

    /** Row 0: the full text; row 1+j: the text with token position positions[j] occluded. */
    public EncodedBatch encodeOcclusions(Encoding e, int[] positions) {
        List<long[]> ids = new ArrayList<>();
        List<String[]> toks = new ArrayList<>();
        List<Set<Integer>> drops = new ArrayList<>();
        ids.add(e.getIds());
        toks.add(e.getTokens());
        drops.add(Set.of());
        for (int p : positions) {
            ids.add(e.getIds());
            toks.add(e.getTokens());
            drops.add(Set.of(p));
        }
        return build(ids, toks, drops);
    }

    /** Positions of real (non-special) tokens with their character spans. */
    public static int[] contentPositions(Encoding e) {
        long[] special = e.getSpecialTokenMask();
        CharSpan[] spans = e.getCharTokenSpans();
        return java.util.stream.IntStream.range(0, special.length)
                .filter(i -> special[i] == 0 && spans[i] != null).toArray();
    }

    private EncodedBatch build(List<long[]> idRows, List<String[]> tokRows, List<Set<Integer>> drops) {
        int b = idRows.size();
        int t = 1;
        List<List<NgramHasher.Feature>> feats = new ArrayList<>(b);
        int n = 1;
        for (int r = 0; r < b; r++) {
            long[] row = idRows.get(r);
            int len = Math.min(row.length, maxLength);
            t = Math.max(t, len);
            List<NgramHasher.Feature> f = hasher.features(row, tokRows.get(r), len);
            Set<Integer> drop = drops.get(r);
            if (!drop.isEmpty()) {
                f = f.stream().filter(x -> drop.stream().noneMatch(p -> p >= x.first() && p <= x.last())).toList();
            }
            feats.add(f);
            n = Math.max(n, f.size());
        }
        long[] ids = new long[b * t];
        float[] mask = new float[b * t];
        long[] ng = new long[b * n];
        float[] ngMask = new float[b * n];
        for (int r = 0; r < b; r++) {
            long[] row = idRows.get(r);
            int len = Math.min(row.length, maxLength);
            Set<Integer> drop = drops.get(r);
            for (int i = 0; i < len; i++) {
                ids[r * t + i] = row[i];
                mask[r * t + i] = drop.contains(i) ? 0f : 1f;
            }
            List<NgramHasher.Feature> f = feats.get(r);
            for (int i = 0; i < f.size(); i++) {
                ng[r * n + i] = f.get(i).bucket();
                ngMask[r * n + i] = 1f;
            }
        }
        return new EncodedBatch(b, t, ids, mask, n, ng, ngMask);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
