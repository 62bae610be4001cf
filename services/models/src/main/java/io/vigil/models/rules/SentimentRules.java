package io.vigil.models.rules;

import io.vigil.models.Attribution;
import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * news-sentiment rules: a small financial-news lexicon. Each positive word counts +1, each negative
 * word -1; a negator ("no", "not", "never", "without", "fails to") within the 3 words before a word flips
 * it; a "shrinking" word ("narrows", "cuts", "slashes", "trims", "reduces", "shrinks", "pays down") before a
 * negative word within 3 words makes it positive ("narrows loss"). Sum &gt; 0: positive, &lt; 0:
 * negative, 0: neutral. Probabilities: 0.5 + 0.1 x |sum| (at most 0.9) for the chosen label, the rest
 * shared by the other two; the explanation lists the words that counted, with offsets.
 */
public final class SentimentRules implements ScoringModel<String> {

    public static final String MODEL = "news-sentiment";
    public static final List<String> LABELS = List.of("negative", "neutral", "positive");

    static final Set<String> POSITIVE = Set.of("beat", "beats", "surge", "surges", "surged", "soar", "soars", "soared",
            "jump", "jumps", "jumped", "rally", "rallies", "rallied", "gain", "gains", "gained", "rise", "rises", "rose",
            "climb", "climbs", "climbed", "record", "profit", "profits", "upgrade", "upgrades", "upgraded", "outperform",
            "buy", "strong", "stronger", "growth", "grows", "grew", "boost", "boosts", "raises", "raised", "higher",
            "approval", "approves", "approved", "wins", "win", "won", "tops", "exceeds", "exceeded", "bullish",
            "dividend", "rebound", "rebounds", "optimism", "upbeat", "expands", "expansion", "recovery");
    static final Set<String> NEGATIVE = Set.of("miss", "misses", "missed", "fall", "falls", "fell", "drop", "drops",
            "dropped", "plunge", "plunges", "plunged", "slump", "slumps", "slumped", "sink", "sinks", "sank", "tumble",
            "tumbles", "tumbled", "decline", "declines", "declined", "loss", "losses", "lawsuit", "sue", "sues", "sued",
            "probe", "downgrade", "downgrades", "downgraded", "underperform", "sell", "weak", "weaker", "cut", "cuts",
            "layoffs", "layoff", "lower", "bankruptcy", "default", "debt", "fraud", "recall", "warns", "warning",
            "bearish", "crash", "crashes", "slowdown", "recession", "fine", "fined", "halts", "delay", "delays");
    static final Set<String> NEGATORS = Set.of("no", "not", "never", "without", "fails", "failed");
    static final Set<String> SHRINKERS = Set.of("narrows", "narrowed", "narrow", "cuts", "slashes", "slashed", "trims",
            "trimmed", "reduces", "reduced", "shrinks", "shrink", "shrank", "pays", "paid", "lowers", "lowered");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z'-]*");

    private record Hit(String word, int start, int end, int sign) {}

    @Override
    public String name() {
        return MODEL;
    }

    @Override
    public String version() {
        return RulesModels.VERSION;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }

    static List<Hit> hits(String text) {
        List<String> words = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
            spans.add(new int[] {m.start(), m.end()});
        }
        List<Hit> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            int sign = POSITIVE.contains(w) ? 1 : NEGATIVE.contains(w) ? -1 : 0;
            if (sign == 0) continue;
            boolean shrunk = false;
            boolean negated = false;
            for (int j = Math.max(0, i - 3); j < i; j++) {
                if (NEGATORS.contains(words.get(j))) negated = true;
                if (sign < 0 && SHRINKERS.contains(words.get(j))) shrunk = true;
            }
            // "cuts" is negative alone but a shrinker before a negative word: count it once, as the shrinker
            if (sign < 0 && SHRINKERS.contains(w) && i + 1 < words.size() && NEGATIVE.contains(words.get(i + 1))) continue;
            if (shrunk) sign = 1;
            if (negated) sign = -sign;
            out.add(new Hit(w, spans.get(i)[0], spans.get(i)[1], sign));
        }
        return out;
    }

    static Prediction verdict(List<Hit> hits) {
        int sum = hits.stream().mapToInt(Hit::sign).sum();
        int label = sum > 0 ? 2 : sum < 0 ? 0 : 1;
        float top = (float) Math.min(0.9, 0.5 + 0.1 * Math.abs(sum));
        float[] p = new float[3];
        for (int i = 0; i < 3; i++) p[i] = i == label ? top : (1 - top) / 2;
        return Prediction.of(LABELS, p);
    }

    @Override
    public List<Prediction> predict(List<String> inputs) {
        return inputs.stream().map(t -> verdict(hits(t))).toList();
    }

    @Override
    public Explanation explain(String input, int topK) {
        return explain(input, verdict(hits(input)).label(), topK);
    }

    @Override
    public Explanation explain(String input, String label, int topK) {
        int want = LABELS.indexOf(label);
        if (want < 0) throw new IllegalArgumentException("unknown label " + label);
        // weight: how the word pushed towards the explained label (+0.1 towards it, -0.1 away)
        List<Attribution> atts = new ArrayList<>();
        for (Hit h : hits(input)) {
            double towards = want == 2 ? h.sign() : want == 0 ? -h.sign() : -Math.abs(h.sign());
            atts.add(new Attribution(h.word(), h.start(), h.end(), h.sign(), 0.1 * towards));
        }
        atts.sort(Comparator.comparingDouble((Attribution a) -> -Math.abs(a.weight())));
        return new Explanation(label, "rules:lexicon", List.copyOf(atts.subList(0, Math.min(topK, atts.size()))));
    }

    @Override
    public void close() {
        // nothing held
    }
}
