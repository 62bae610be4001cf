package io.vigil.ingest.deid;

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

    /** Counts keyed by up to three UTF-16 chars packed in a long; open addressing, no boxing on lookup. */
    private static final class Counts {
        private long[] keys = new long[1 << 12];
        private int[] vals = new int[1 << 12];
        private int size;

        private static long key(char a, char b, char c) {
            return ((long) a << 32 | (long) b << 16 | c) + 1; // + 1: 0 marks an empty slot
        }

        private int slot(long k) {
            int h = Long.hashCode(k * 0x9E3779B97F4A7C15L);
            int mask = keys.length - 1;
            int i = h & mask;
            while (keys[i] != 0 && keys[i] != k) {
                i = (i + 1) & mask;
            }
            return i;
        }

        void inc(char a, char b, char c) {
            long k = key(a, b, c);
            int i = slot(k);
            if (keys[i] == 0) {
                keys[i] = k;
                if (++size * 2 > keys.length) {
                    vals[i] = 1;
                    grow();
                    return;
                }
            }
            vals[i]++;
        }

        int get(char a, char b, char c) {
            long k = key(a, b, c);
            int i = slot(k);
            return keys[i] == 0 ? 0 : vals[i];
        }

        int distinct() {
            return size;
        }

        private void grow() {
            long[] ok = keys;
            int[] ov = vals;
            keys = new long[ok.length * 2];
            vals = new int[ov.length * 2];
            for (int j = 0; j < ok.length; j++) {
                if (ok[j] != 0) {
                    int i = slot(ok[j]);
                    keys[i] = ok[j];
                    vals[i] = ov[j];
                }
            }
        }
    }

    private static final class Model {
        private final Counts tri = new Counts();
        private final Counts bi = new Counts();
        private final Counts uni = new Counts();
        private final Counts ctx2 = new Counts(); // counts of "ab" as a trigram context
        private final Counts ctx1 = new Counts(); // counts of "b" as a bigram context
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
                tri.inc(a, b, c);
                ctx2.inc('\0', a, b);
                bi.inc('\0', b, c);
                ctx1.inc('\0', '\0', b);
                uni.inc('\0', '\0', c);
                total++;
            }
        }

        double logProb(String w) {
            double lp = 0;
            int vocab = uni.distinct() + 1;
            int n = w.length();
            for (int i = 0; i <= n; i++) {
                char a = i >= 2 ? w.charAt(i - 2) : BOUND;
                char b = i >= 1 ? w.charAt(i - 1) : BOUND;
                char c = i < n ? w.charAt(i) : BOUND;
                double p1 = (uni.get('\0', '\0', c) + 1.0) / (total + vocab);
                int c1 = ctx1.get('\0', '\0', b);
                double p2 = c1 == 0 ? 0 : bi.get('\0', b, c) / (double) c1;
                int c2 = ctx2.get('\0', a, b);
                double p3 = c2 == 0 ? 0 : tri.get(a, b, c) / (double) c2;
                lp += Math.log(L3 * p3 + L2 * p2 + L1 * p1);
            }
            return lp;
        }
    }
}
