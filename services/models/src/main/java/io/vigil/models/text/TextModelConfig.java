package io.vigil.models.text;

import java.util.List;

/**
 * Architecture and preprocessing of a text classifier; stored as config.json in a model version.
 *
 * @param architecture "hybrid" (transformer + n-gram branch), "transformer", "ngram", or with the
 *     pre-trained MiniLM encoder "minilm" / "minilm-ngram" (then {@code layers} is the number of its
 *     top layers that are fine-tuned, 0..6, and embeddingSize/heads/ffnSize are MiniLM's)
 * @param ngramOrder highest word n-gram order hashed into the n-gram branch (1..3)
 * @param charNgrams whether character 3-/4-grams of each word are hashed as well
 * @param ngramMaxPool also max-pool the n-gram branch (long texts, where one decisive phrase
 *     would be diluted by a mean over hundreds of n-grams)
 */
public record TextModelConfig(
        String type,
        String architecture,
        List<String> labels,
        int maxLength,
        int vocabSize,
        int embeddingSize,
        int heads,
        int ffnSize,
        int layers,
        float dropout,
        int ngramBuckets,
        int ngramDim,
        int ngramOrder,
        boolean charNgrams,
        boolean ngramMaxPool) {

    public static final String TYPE = "djl-text-classifier";

    public boolean useTransformer() {
        return !"ngram".equals(architecture) && !usePretrained();
    }

    /** MiniLM (pre-trained, from the Maven artifact) instead of a transformer trained from scratch. */
    public boolean usePretrained() {
        return architecture.startsWith("minilm");
    }

    public boolean useNgrams() {
        return !"transformer".equals(architecture) && !"minilm".equals(architecture);
    }

    public TextModelConfig withVocabSize(int v) {
        return new TextModelConfig(type, architecture, labels, maxLength, v, embeddingSize, heads,
                ffnSize, layers, dropout, ngramBuckets, ngramDim, ngramOrder, charNgrams, ngramMaxPool);
    }

    public static TextModelConfig hybrid(List<String> labels) {
        return new TextModelConfig(TYPE, "hybrid", labels, 64, 0, 64, 4, 128, 1, 0.2f, 32768, 32, 2, true, false);
    }
}
