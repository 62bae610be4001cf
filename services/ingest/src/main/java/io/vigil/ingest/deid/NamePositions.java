package io.vigil.ingest.deid;

import static io.vigil.ingest.deid.NameSpelling.LIKELY_NAME;
import static io.vigil.ingest.deid.NameSpelling.LIKELY_NAME_CASED_IN_CONTEXT;
import static io.vigil.ingest.deid.NameSpelling.hasInnerCapital;
import static io.vigil.ingest.deid.NameSpelling.lettersAndVowels;
import static io.vigil.ingest.deid.NameSpelling.nameShaped;

import io.vigil.ingest.deid.NameToken.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where in a sentence a name can stand: after a clause boundary, a preposition, a conjunction or a verb of
 * contact; before a boundary, an auxiliary or a verb; not where jargon stands (after a determiner, before a dose,
 * in a list of drugs). In a text that uses capitals, this is what lets a lower-case word, or a capitalised
 * gazetteer name that is also an English word, count as a name without a title or phrase before it.
 */
final class NamePositions {

    /** Words after which a name can stand (prepositions, conjunctions, verbs of addressing and contact). */
    private static final Set<String> BEFORE_NAME = Set.of(
            "to", "by", "from", "for", "per", "at", "about", "like", "than", "as", "via", "and", "or", "but",
            "nor", "so", "because", "if", "when", "while", "whereas", "unless", "until", "call", "called", "ask", "asked",
            "tell", "told", "thank", "thanks", "contact", "contacted", "page", "paged", "inform", "informed", "met", "meet",
            "see", "saw", "add", "forward", "cc", "is", "was", "are", "were", "let", "notify", "notified",
            "email", "e-mail", "text", "texted", "phone", "phoned", "visit", "visited", "include", "including", "said",
            "says", "then", "that", "whom", "where", "since", "after", "before", "without", "against", "between", "among");
    /** Words that can follow a name (auxiliaries, prepositions, conjunctions, verbs of saying and doing). */
    private static final Set<String> AFTER_NAME = Set.of(
            "will", "would", "can", "could", "should", "may", "might", "must", "shall", "is", "was", "has", "had", "have",
            "does", "did", "just", "also", "then", "and", "or", "but", "who", "whose", "at", "in", "on", "for", "if",
            "about", "regarding", "as", "to", "from", "with", "by", "again", "too", "yesterday", "today", "tomorrow",
            "says", "thinks", "feels", "agrees", "knows", "prefers", "asks", "notes", "takes", "gets", "makes", "goes",
            "needs", "wants", "points", "still", "never", "always", "please", "so", "when", "because", "since", "after",
            "before", "herself", "himself", "themselves", "here", "there", "not", "isn't", "wasn't", "doesn't", "didn't",
            "won't", "can't", "hasn't", "hadn't");

    /**
     * Verbs that say the word before them is a person ("Dexter lives on ...", "Key said"): a capitalised
     * gazetteer name that is also an English word counts as a name right before them.
     */
    static final Set<String> PERSON_VERBS = Set.of(
            "lives", "lived", "works", "worked", "said", "says", "told", "tells", "wrote", "writes", "called",
            "phoned", "visited", "moved", "married", "studied", "went", "came", "resides",
            "resided", "stated", "states", "reported", "reports", "denies", "denied", "complains", "complained", "presents",
            "presented", "returns", "returned", "agreed", "asked", "wants", "wanted", "likes", "loves", "owns", "grew",
            "joined", "became", "teaches", "taught", "plays", "played", "spent", "spends");

    private final Lexicon lex;
    private final NameSpelling spelling;
    private final JargonFilters jargon;

    NamePositions(Lexicon lex, NameSpelling spelling, JargonFilters jargon) {
        this.lex = lex;
        this.spelling = spelling;
        this.jargon = jargon;
    }

    /**
     * A lower-case word in a text that uses capitals: a word no English or clinical list knows, spelled like a name
     * ({@link NameSpelling#likelyName}), in a place where a name can stand (after a clause boundary, a preposition,
     * a conjunction or a verb of contact; before a clause boundary, an auxiliary, a preposition or a verb) and not
     * where clinical jargon stands (after a determiner or an adjective, before a noun or a dose, in a list of drugs,
     * cut off at the end of the text). Taken as a name ("Per mosur, the patient ...", "Handed over to hsi takeuchi
     * at 7 pm").
     */
    void lowerNamesInCasedText(String text, List<NameToken> toks) {
        int n = toks.size();
        boolean[] cand = new boolean[n];
        for (int i = 0; i < n; i++) {
            NameToken t = toks.get(i);
            String lower = t.text();
            cand[i] = t.kind() == Kind.LOWER_UNKNOWN && lower.length() >= 4 && isLowerCase(lower)
                    && !lex.rareWords.contains(lower) && !jargon.compoundOrPlural(lower) && spelling.likelyName(lower)
                    && lex.nameLikelihood.score(lower) >= LIKELY_NAME_CASED_IN_CONTEXT;
        }
        for (int i = 0; i < n; i++) {
            if (!cand[i]) {
                continue;
            }
            // a pair of such words ("rolfe manolis") is judged by what stands before the first and after the last
            int first = i;
            int last = i;
            // the other word of a pair may be short or end like a clinical word ("hsi takeuchi", "shyam tiefenthal")
            if (i + 1 < n && (cand[i + 1] || pairPartner(toks.get(i + 1))) && joined(text, toks.get(i), toks.get(i + 1))) {
                last = i + 1;
            } else if (i > 0 && pairPartner(toks.get(i - 1)) && joined(text, toks.get(i - 1), toks.get(i))) {
                first = i - 1;
            }
            if (okBefore(text, toks, first) && okAfter(text, toks, last)) {
                for (int k = first; k <= last; k++) {
                    NameToken t = toks.get(k);
                    toks.set(k, new NameToken(t.start(), t.end(), t.text(), Kind.LOWER_GIVEN, false));
                }
            }
            i = last;
        }
    }

    /**
     * "but Harper just has to", "Why is Christen so impulsive?": mid-sentence, where a capital is telling, a
     * capitalised gazetteer name that is also an English word, in a place where a name stands (the same test as
     * for lower-case names in cased text: after a conjunction, preposition or contact verb, before an auxiliary or
     * a boundary). Title-case phrases ("Primary Care", "Hand Surgery") fail the test on one side.
     */
    void capitalisedWordNames(String text, List<NameToken> toks, List<Candidate> out) {
        for (int i = 0; i < toks.size(); i++) {
            NameToken t = toks.get(i);
            if (t.kind() != Kind.COMMON_CAP || t.medical() || t.text().length() < 4 || hasInnerCapital(t.text())
                    || Character.isUpperCase(t.text().charAt(t.text().length() - 1))
                    || !spelling.capitalisedGazetteerName(t.text()) || sentenceStart(text, t.start())) {
                continue;
            }
            int a = t.end();
            while (a < text.length() && text.charAt(a) == ' ') {
                a++;
            }
            boolean label = a < text.length() && text.charAt(a) == ':'; // "..., Weight: 100 kg", "Neck: supple"
            if (!label && okBefore(text, toks, i) && okAfter(text, toks, i)) {
                out.add(new Candidate(PhiType.NAME, t.start(), t.end(), Candidate.NAME_LEXICON));
            }
        }
    }

    /**
     * "briggs is a very sympathetic person.": in a text that capitalises its sentences, a sentence that starts
     * with a lower-case word no list knows most likely starts with a name someone typed in lower case.
     */
    void lowerSentenceStarts(String text, List<NameToken> toks, List<Candidate> out) {
        for (NameToken t : toks) {
            if (t.kind() != Kind.LOWER_UNKNOWN || !nameShaped(t.text())
                    || lex.nameLikelihood.score(t.text().toLowerCase(Locale.ROOT)) < LIKELY_NAME) {
                continue;
            }
            int i = t.start() - 1;
            while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"')) {
                i--;
            }
            if (i < 0 || (".!?".indexOf(text.charAt(i)) >= 0 && i + 1 < t.start())) {
                out.add(new Candidate(PhiType.NAME, t.start(), t.end(), Candidate.NAME_LEXICON));
            }
        }
    }

    private boolean okBefore(String text, List<NameToken> toks, int i) {
        int b = toks.get(i).start() - 1;
        while (b >= 0 && (text.charAt(b) == ' ' || text.charAt(b) == '\t')) {
            b--;
        }
        if (b < 0) {
            return true;
        }
        char c = text.charAt(b);
        if (c == ',' || c == '(' || c == '/') {
            // "loperamide, mebeverine", "(clobetasol": a list of drugs or a parenthesis of jargon
            return c == ',' && !(i > 0 && medicalNeighbour(toks.get(i - 1)));
        }
        if (".;:!?\n\"'—".indexOf(c) >= 0) {
            return true;
        }
        if (i == 0 || toks.get(i - 1).end() != b + 1) {
            return false;
        }
        String prev = toks.get(i - 1).text().toLowerCase(Locale.ROOT);
        if ((prev.equals("and") || prev.equals("or")) && i > 1 && medicalNeighbour(toks.get(i - 2))) {
            return false; // "adalimumab or etanercept"
        }
        return BEFORE_NAME.contains(prev);
    }

    private boolean okAfter(String text, List<NameToken> toks, int i) {
        int a = toks.get(i).end();
        if (a < text.length() && (text.charAt(a) == '\'' || text.charAt(a) == '’')) {
            return true; // a possessive: "mosur's"
        }
        while (a < text.length() && (text.charAt(a) == ' ' || text.charAt(a) == '\t')) {
            a++;
        }
        if (a >= text.length()) {
            // a text that stops right after the word was most likely cut off in the middle of it ("... guide antib")
            return false;
        }
        char c = text.charAt(a);
        if (c == ',' || c == ')') {
            return !(i + 1 < toks.size() && medicalNeighbour(toks.get(i + 1)));
        }
        if (".;:!?\n\"—".indexOf(c) >= 0) {
            return true;
        }
        if (i + 1 >= toks.size() || toks.get(i + 1).start() != a) {
            return false; // a digit (a dose), a slash (a combination), a bracket
        }
        NameToken next = toks.get(i + 1);
        String w = next.text().toLowerCase(Locale.ROOT);
        if ((w.equals("and") || w.equals("or")) && i + 2 < toks.size() && medicalNeighbour(toks.get(i + 2))) {
            return false;
        }
        // not any verb in -ed: "drusen noted", "crepitus appreciated" are findings
        return AFTER_NAME.contains(w) || PERSON_VERBS.contains(w);
    }

    private boolean pairPartner(NameToken t) {
        String w = t.text();
        return isLowerCase(w) && lettersAndVowels(w) && (t.kind() == Kind.LOWER_UNKNOWN || t.kind() == Kind.OTHER && t.suffixOnly())
                && !lex.rareWords.contains(w);
    }

    private static boolean isLowerCase(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isUpperCase(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A clinical word or a drug name next to the candidate: the candidate is likely one too. */
    private boolean medicalNeighbour(NameToken t) {
        return t.medical();
    }

    static boolean sentenceStart(String text, int pos) {
        int i = pos - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '"' || text.charAt(i) == '(')) {
            i--;
        }
        return i < 0 || ".!?:;\n\r*#-•>".indexOf(text.charAt(i)) >= 0;
    }

    /** Only blanks (and an initial's dot) between two tokens on the same line. */
    static boolean joined(String text, NameToken a, NameToken b) {
        if (b.start() - a.end() > 3) {
            return false;
        }
        for (int i = a.end(); i < b.start(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && !(c == '.' && a.kind() == Kind.INITIAL)) {
                return false;
            }
        }
        return b.start() > a.end();
    }
}
