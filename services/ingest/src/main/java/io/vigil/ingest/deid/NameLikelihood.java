package io.vigil.ingest.deid;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How much more a lower-case word looks like a person's name than like an English or clinical word: two
 * character trigram models (interpolated with bigrams and unigrams), one trained on the name gazetteers, one on
 * the English and clinical word lists, compared per character. Used only for words no list knows, so that
 * names outside the gazetteer ("akifumi", "glyceria") are told apart from typos and jargon ("enccounter").
 */
final class NameLikelihood {

    private static final char BOUND = '^';
    private static final double L3 = 0.6;
    private static final double L2 = 0.3;
    private static final double L1 = 0.1;

    private final Model names;
    private final Model words;

    NameLikelihood(Iterable<Set<String>> nameLists, Iterable<Set<String>> wordLists) {
        names = new Model();
        for (Set<String> s : nameLists) {
            for (String w : s) {
                names.add(w);
            }
        }
        words = new Model();
        for (Set<String> s : wordLists) {
            for (String w : s) {
                words.add(w);
            }
        }
    }

    /** Mean log-likelihood ratio per character (natural log): above 0 the word is more name-like than word-like. */
    double score(String lower) {
        if (lower.isEmpty()) {
            return Double.NEGATIVE_INFINITY;
        }
        return (names.logProb(lower) - words.logProb(lower)) / (lower.length() + 1);
    }

    private static final class Model {
        private final Map<String, Integer> tri = new HashMap<>();
        private final Map<String, Integer> bi = new HashMap<>();
        private final Map<Character, Integer> uni = new HashMap<>();
        private final Map<String, Integer> ctx2 = new HashMap<>(); // counts of "ab" as a trigram context
        private final Map<Character, Integer> ctx1 = new HashMap<>(); // counts of "b" as a bigram context
        private long total;

        void add(String w) {
            if (w.length() < 2 || w.indexOf(' ') >= 0) {
                return;
            }
            String s = "" + BOUND + BOUND + w + BOUND;
            for (int i = 2; i < s.length(); i++) {
                char a = s.charAt(i - 2);
                char b = s.charAt(i - 1);
                char c = s.charAt(i);
                tri.merge("" + a + b + c, 1, Integer::sum);
                ctx2.merge("" + a + b, 1, Integer::sum);
                bi.merge("" + b + c, 1, Integer::sum);
                ctx1.merge(b, 1, Integer::sum);
                uni.merge(c, 1, Integer::sum);
                total++;
            }
        }

        double logProb(String w) {
            String s = "" + BOUND + BOUND + w + BOUND;
            double lp = 0;
            int vocab = uni.size() + 1;
            for (int i = 2; i < s.length(); i++) {
                char a = s.charAt(i - 2);
                char b = s.charAt(i - 1);
                char c = s.charAt(i);
                double p1 = (uni.getOrDefault(c, 0) + 1.0) / (total + vocab);
                int c1 = ctx1.getOrDefault(b, 0);
                double p2 = c1 == 0 ? 0 : bi.getOrDefault("" + b + c, 0) / (double) c1;
                int c2 = ctx2.getOrDefault("" + a + b, 0);
                double p3 = c2 == 0 ? 0 : tri.getOrDefault("" + a + b + c, 0) / (double) c2;
                lp += Math.log(L3 * p3 + L2 * p2 + L1 * p1);
            }
            return lp;
        }
    }
}
