package io.vigil.models.text;

import java.util.ArrayList;
import java.util.List;

/**
 * fastText-style features: word n-grams over token ids (orders 1..n) and optional character
 * 3-/4-grams of each token, hashed into {@code buckets - 1} ids (0 is padding). Each feature
 * remembers the token positions it covers, so occlusion can drop exactly the features of a token.
 */
public final class NgramHasher {

    /** A hashed feature and the token span [first, last] it covers. */
    public record Feature(long bucket, int first, int last) {}

    private final int buckets;
    private final int order;
    private final boolean chars;

    public NgramHasher(int buckets, int order, boolean chars) {
        if (buckets < 2 || order < 1 || order > 3) {
            throw new IllegalArgumentException("buckets >= 2 and order in 1..3");
        }
        this.buckets = buckets;
        this.order = order;
        this.chars = chars;
    }

    public List<Feature> features(long[] ids, String[] tokens, int len) {
        List<Feature> out = new ArrayList<>(len * (order + 3));
        for (int i = 0; i < len; i++) {
            for (int n = 1; n <= order && i + n <= len; n++) {
                long h = 0x9E3779B97F4A7C15L * n;
                for (int k = 0; k < n; k++) {
                    h = mix(h ^ ids[i + k]);
                }
                out.add(new Feature(bucket(h), i, i + n - 1));
            }
            if (chars && tokens != null && tokens[i] != null) {
                String t = tokens[i].startsWith("##") ? tokens[i].substring(2) : "<" + tokens[i];
                t = t + ">";
                if (t.length() > 4) { // short tokens are already covered by their unigram
                    for (int n = 3; n <= 4; n++) {
                        for (int s = 0; s + n <= t.length(); s++) {
                            out.add(new Feature(bucket(mix(0x51AFD7ED558CCD1DL * n ^ t.substring(s, s + n).hashCode())), i, i));
                        }
                    }
                }
            }
        }
        return out;
    }

    private long bucket(long h) {
        return 1 + Math.floorMod(h, (long) buckets - 1);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
