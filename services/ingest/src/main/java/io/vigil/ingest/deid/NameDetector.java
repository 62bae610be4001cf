package io.vigil.ingest.deid;

import static io.vigil.ingest.deid.JargonFilters.isDemonym;
import static io.vigil.ingest.deid.NamePositions.joined;
import static io.vigil.ingest.deid.NamePositions.sentenceStart;
import static io.vigil.ingest.deid.NameSpelling.LIKELY_NAME_CASED;
import static io.vigil.ingest.deid.NameSpelling.PROPER_STOP;
import static io.vigil.ingest.deid.NameSpelling.hasInnerCapital;
import static io.vigil.ingest.deid.NameSpelling.hasSurnameEnding;
import static io.vigil.ingest.deid.NameSpelling.nameShaped;

import io.vigil.ingest.deid.NameToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person names from context rules (titles, "seen by", "Name:" labels, signatures) and a lexicon
 * (given names, proper nouns, and capitalised words that no English or clinical word list knows).
 *
 * <p>The orchestrator: it tokenises and classifies the words of a text, runs the rules in a fixed order, and
 * finds runs of name-like words itself. The rules live in {@link NameCues} (titles, phrases, labels),
 * {@link NamePositions} (where in a sentence a name can stand), {@link NeighbourCues} (a verb, an address or a
 * coordination next to a single name); the word tests in {@link NameSpelling} and {@link JargonFilters}.
 */
final class NameDetector {

    private static final Pattern TOKEN = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*+(?:['’\\-]\\p{L}[\\p{L}\\p{M}]*+)*+");
    private static final Set<String> TITLE_WORDS = Set.of("mr", "mrs", "ms", "mx", "dr", "prof", "st", "jr", "sr", "sra", "mme", "mlle", "rev", "fr");

    private static final Set<String> PARTICLES = Set.of(
            "van", "von", "de", "da", "del", "della", "di", "du", "le", "la", "bin", "ibn", "al", "el", "ben", "der", "den", "ter", "dos", "das", "y");

    private static final Pattern WEIRD_CAPS_OK = Pattern.compile("^(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|La|Le|Van|Von)\\p{Lu}.*");

    private final Lexicon lex;
    private final NameSpelling spelling;
    private final JargonFilters jargon;
    private final NameCues cues;
    private final NamePositions positions;
    private final NeighbourCues neighbours;

    NameDetector(Lexicon lex) {
        this.lex = lex;
        this.spelling = new NameSpelling(lex);
        this.jargon = new JargonFilters(lex);
        this.cues = new NameCues(spelling);
        this.positions = new NamePositions(lex, spelling, jargon);
        this.neighbours = new NeighbourCues(lex, spelling);
    }

    /**
     * Runs the rules in the order they were tuned in. Lower-case names in cased text re-classify tokens, so that
     * step comes before any rule reads them; overlapping candidates are merged later ({@link SpanMerger}).
     */
    void detect(String text, List<Candidate> out) {
        boolean caseless = caseless(text);
        List<NameToken> toks = tokenize(text, caseless);
        if (!caseless) {
            positions.lowerNamesInCasedText(text, toks);
        }
        cues.detect(text, toks, out);
        lexiconRuns(text, toks, out);
        neighbours.personVerbCue(text, toks, out);
        positions.capitalisedWordNames(text, toks, out);
        neighbours.vocatives(text, toks, out);
        neighbours.coordination(text, toks, out);
        if (!caseless) {
            positions.lowerSentenceStarts(text, toks, out);
        }
    }

    // ---------------------------------------------------------------- tokens

    /**
     * A text whose sentences mostly start in lower case (chat, transcripts, lower-cased exports): there a
     * lower-case word says nothing about whether it is a name, so spelling has to (see NameLikelihood).
     */
    static boolean caseless(String text) {
        int starts = 0;
        int upper = 0;
        boolean atStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                if (atStart) {
                    starts++;
                    upper += Character.isUpperCase(c) ? 1 : 0;
                }
                atStart = false;
            } else if (c == '.' || c == '!' || c == '?' || c == '\n') {
                atStart = true;
            } else if (Character.isDigit(c)) {
                atStart = false;
            }
        }
        return starts > 0 && upper * 2 < starts;
    }

    private List<NameToken> tokenize(String text, boolean caseless) {
        List<NameToken> toks = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            int s = m.start();
            int e = m.end();
            String t = m.group();
            // possessive: "Alice's" is the name Alice
            if (t.length() > 2 && (t.endsWith("'s") || t.endsWith("’s"))) {
                t = t.substring(0, t.length() - 2);
                e -= 2;
            }
            boolean nextToDigit = (s > 0 && Character.isDigit(text.charAt(s - 1)))
                    || (m.end() < text.length() && Character.isDigit(text.charAt(m.end())));
            NameToken tok = classify(text, s, e, t, nextToDigit, caseless);
            if (tok.kind() == Kind.LOWER_UNKNOWN && e < m.end() && t.length() >= 4) {
                // "shervashidze's killers": an unknown word that owns something is a name (ordinary words are known)
                tok = new NameToken(tok.start(), tok.end(), tok.text(), Kind.LOWER_GIVEN, false);
            }
            if (tok.medical() && jargon.suffixOnlyMedical(tok.text().toLowerCase(Locale.ROOT))) {
                tok = new NameToken(tok.start(), tok.end(), tok.text(), tok.kind(), true, true);
            }
            toks.add(tok);
        }
        return toks;
    }

    private NameToken classify(String text, int s, int e, String t, boolean nextToDigit, boolean caseless) {
        String lower = t.toLowerCase(Locale.ROOT);
        boolean cap = Character.isUpperCase(t.codePointAt(0));
        boolean dotted = e < text.length() && text.charAt(e) == '.';
        if (t.length() == 1 && (cap || dotted)) {
            // an initial: "J." or "J" between two names
            int end = (e < text.length() && text.charAt(e) == '.') ? e + 1 : e;
            return new NameToken(s, end, t, Kind.INITIAL, false);
        }
        boolean given = lex.givenNames.contains(lower);
        boolean common = jargon.isCommon(lower);
        boolean medical = !given && jargon.isMedical(lower);
        if (nextToDigit) {
            return new NameToken(s, e, t, Kind.OTHER, medical);
        }
        if (!cap) {
            if (PARTICLES.contains(lower)) {
                return new NameToken(s, e, t, Kind.PARTICLE, false);
            }
            if (given && !lex.ambiguousGiven.contains(lower) && t.length() >= (common ? 4 : 3)) {
                return new NameToken(s, e, t, Kind.LOWER_GIVEN, false);
            }
            // lower-case names ("selma is from ...", "leone mazzi"): a gazetteer name that is no English or
            // clinical word, or an unknown word with a surname ending
            if (!common && !medical && !PROPER_STOP.contains(lower) && !lex.placesNotPhi.contains(lower)
                    && (spelling.lowerGazetteerName(lower) || (t.length() >= 6 && hasSurnameEnding(lower)))) {
                return new NameToken(s, e, t, Kind.LOWER_GIVEN, false);
            }
            if (!common && !medical && (caseless ? spelling.likelyName(lower)
                    // in a text that uses capitals a lower-case name is rarer: only a spelling that says so loudly
                    : t.length() >= 5 && spelling.likelyName(lower) && lex.nameLikelihood.score(lower) >= LIKELY_NAME_CASED)) {
                return new NameToken(s, e, t, Kind.LOWER_GIVEN, false);
            }
            if (!common && !medical && t.length() >= 3) {
                return new NameToken(s, e, t, Kind.LOWER_UNKNOWN, false);
            }
            return new NameToken(s, e, t, Kind.OTHER, medical);
        }
        boolean allCaps = t.equals(t.toUpperCase(Locale.ROOT));
        if (allCaps) {
            // Acronyms (ECG, HPI) dominate; only a known given name in capitals counts.
            boolean strong = given && !lex.ambiguousGiven.contains(lower) && t.length() >= 4 && !medical
                    && !lex.medicalTerms.contains(lower);
            return new NameToken(s, e, t, strong ? Kind.STRONG : Kind.OTHER, medical);
        }
        if (hasInnerCapital(t) && !WEIRD_CAPS_OK.matcher(t).matches()) {
            return new NameToken(s, e, t, Kind.OTHER, medical); // HbA, PsA, IgM
        }
        if (given) {
            return new NameToken(s, e, t, lex.ambiguousGiven.contains(lower) ? Kind.AMBIG_GIVEN : Kind.STRONG, false);
        }
        if (TITLE_WORDS.contains(lower) || t.length() < 3) {
            return new NameToken(s, e, t, Kind.OTHER, false); // "Mrs", "Na", "Hb"
        }
        if (medical || PROPER_STOP.contains(lower) || lex.placesNotPhi.contains(lower) || jargon.isEponymInUse(text, lower, e)
                || isDemonym(lower)) {
            return new NameToken(s, e, t, Kind.COMMON_CAP, true);
        }
        if (common) {
            return new NameToken(s, e, t, Kind.COMMON_CAP, false);
        }
        if (lex.properNouns.contains(t) || lex.properNouns.contains(capitalise(lower))) {
            return new NameToken(s, e, t, Kind.PROPER, false);
        }
        if (t.length() <= 3 && !hasVowel(lower)) {
            return new NameToken(s, e, t, Kind.OTHER, false); // Hct, Hgb
        }
        return new NameToken(s, e, t, Kind.UNKNOWN, false);
    }

    private static boolean hasVowel(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("aeiouyáéíóúäëïöüåæø".indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String capitalise(String lower) {
        return lower.isEmpty() ? lower : lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
    }

    // ---------------------------------------------------------------- lexicon runs

    /** "m." or "b" inside a lower-case name. */
    private static boolean isLowerInitial(NameToken t) {
        return t.kind() == Kind.INITIAL || (t.text().length() == 1 && Character.isLowerCase(t.text().charAt(0))
                && !t.text().equals("a") && !t.text().equals("i"));
    }

    private static boolean evidence(Kind k) {
        return k == Kind.STRONG || k == Kind.PROPER || k == Kind.UNKNOWN || k == Kind.LOWER_GIVEN;
    }

    private static boolean nameLike(Kind k) {
        return evidence(k) || k == Kind.AMBIG_GIVEN || k == Kind.INITIAL;
    }

    /**
     * Runs of adjacent name-like tokens with at least one piece of evidence (a given name, a proper noun or
     * an unknown capitalised word). A common capitalised word joins right after a given name ("Alice Baker").
     */
    private void lexiconRuns(String text, List<NameToken> toks, List<Candidate> out) {
        int n = toks.size();
        int i = 0;
        while (i < n) {
            NameToken t = toks.get(i);
            if (!nameLike(t.kind()) && t.kind() != Kind.LOWER_UNKNOWN) {
                i++;
                continue;
            }
            int j = i;
            boolean ev = evidence(t.kind());
            boolean lowerRun = t.kind() == Kind.LOWER_GIVEN;
            if (t.kind() == Kind.LOWER_UNKNOWN) {
                // "landerico b hidalgo": an unknown lower-case word starts a name only right before a known one
                int k = i + 1;
                if (k < n && joined(text, toks.get(k - 1), toks.get(k)) && isLowerInitial(toks.get(k)) && k + 1 < n
                        && joined(text, toks.get(k), toks.get(k + 1))) {
                    k++;
                }
                NameToken nk = k < n ? toks.get(k) : null;
                if (nk != null && joined(text, toks.get(k - 1), nk) && (nk.kind() == Kind.LOWER_GIVEN
                        // "chihiro fukunaga": two unknown words of name shape in a row
                        || (nk.kind() == Kind.LOWER_UNKNOWN && nameShaped(t.text()) && nameShaped(nk.text())))) {
                    lowerRun = true;
                    ev = true;
                } else {
                    i++;
                    continue;
                }
            }
            while (j + 1 < n && joined(text, toks.get(j), toks.get(j + 1))) {
                NameToken next = toks.get(j + 1);
                Kind k = next.kind();
                Kind pk = toks.get(j).kind();
                boolean afterGiven = pk == Kind.STRONG || pk == Kind.AMBIG_GIVEN
                        || (pk == Kind.INITIAL && j > i && nameLike(toks.get(j - 1).kind()));
                boolean take = lowerRun
                        ? (k == Kind.LOWER_UNKNOWN || k == Kind.LOWER_GIVEN
                                // "bertram m. jørgensen": an initial between two lower-case name words
                                || (isLowerInitial(next) && j + 2 < n && joined(text, next, toks.get(j + 2))
                                        && (toks.get(j + 2).kind() == Kind.LOWER_GIVEN || toks.get(j + 2).kind() == Kind.LOWER_UNKNOWN)))
                        : (nameLike(k) && k != Kind.LOWER_GIVEN)
                                || (k == Kind.COMMON_CAP && !next.medical() && afterGiven)
                                // "Anthea malus": an unknown lower-case word of name shape after a capitalised name
                                || (k == Kind.LOWER_UNKNOWN && evidence(pk) && pk != Kind.LOWER_GIVEN && nameShaped(next.text()))
                                || (k == Kind.PARTICLE && j + 2 < n && joined(text, next, toks.get(j + 2))
                                        && Character.isUpperCase(toks.get(j + 2).text().codePointAt(0)));
                if (!take) {
                    break;
                }
                ev |= evidence(k);
                j++;
            }
            // a lone initial or a lone ambiguous given name ("May", "Will") is not enough
            boolean single = i == j;
            // a lone ambiguous given name ("Will", "Mark") counts only mid-sentence, where capitals are telling
            boolean ambigOk = t.kind() == Kind.AMBIG_GIVEN && single && !sentenceStart(text, t.start());
            if ((ev || ambigOk) && !(single && t.kind() == Kind.INITIAL)) {
                out.add(new Candidate(PhiType.NAME, t.start(), toks.get(j).end(), Candidate.NAME_LEXICON));
            }
            i = j + 1;
        }
    }
}
