package io.vigil.models;

import java.util.List;

/** One scored input: argmax label and the probability of every label (same order as labels). */
public record Prediction(String label, int labelIndex, List<String> labels, float[] probabilities) {

    public float probability(String l) {
        int i = labels.indexOf(l);
        if (i < 0) {
            throw new IllegalArgumentException("unknown label " + l + ", have " + labels);
        }
        return probabilities[i];
    }

    public float confidence() {
        return probabilities[labelIndex];
    }

    public static Prediction of(List<String> labels, float[] probs) {
        int best = 0;
        for (int i = 1; i < probs.length; i++) {
            if (probs[i] > probs[best]) {
                best = i;
            }
        }
        return new Prediction(labels.get(best), best, labels, probs);
    }
}
