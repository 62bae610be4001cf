package io.vigil.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A trivially separable toy set: the planted word decides the class, the filler is random. */
final class ToyData {
    static final List<String> LABELS = List.of("neg", "pos");
    static final String[] FILLER = {"the", "market", "shares", "today", "report", "bank", "said", "quarter", "trading", "stock"};

    final List<String> texts = new ArrayList<>();
    final int[] y;

    ToyData(int n, long seed) {
        Random r = new Random(seed);
        y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            List<String> w = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                w.add(FILLER[r.nextInt(FILLER.length)]);
            }
            // class "pos" iff "zorbing" is present, so a model must rely on that word's presence
            if (y[i] == 1) {
                w.add(r.nextInt(w.size() + 1), "zorbing");
            } else if (r.nextBoolean()) {
                w.add(r.nextInt(w.size() + 1), "blick");
            }
            texts.add(String.join(" ", w));
        }
    }

    static TextModelConfig config(String arch) {
        return new TextModelConfig(TextModelConfig.TYPE, arch, LABELS, 16, 0, 16, 2, 32, 1, 0.1f, 1024, 8, 2, true, false);
    }
}
