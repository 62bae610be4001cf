package io.vigil.ingest.deid;

import static io.vigil.ingest.deid.NameCues.FUNCTION_WORDS;
import static io.vigil.ingest.deid.NamePositions.PERSON_VERBS;
import static io.vigil.ingest.deid.NamePositions.joined;
import static io.vigil.ingest.deid.NameSpelling.nameShaped;

import io.vigil.ingest.deid.NameToken.Kind;
import java.util.List;
import java.util.Locale;

/**
 * One word taken as a name because of what stands right next to it: a verb only people do ("Dexter lives"), the
 * punctuation of an address ("thanks, Mark?"), or a name it is coordinated with ("kuldip and brender"). These
 * catch single names that no title, phrase or gazetteer run finds.
 */
final class NeighbourCues {

    private final Lexicon lex;
    private final NameSpelling spelling;

    NeighbourCues(Lexicon lex, NameSpelling spelling) {
        this.lex = lex;
        this.spelling = spelling;
    }

    /** "Dexter lives on ...": a capitalised name that is also a word, right before a verb only people do. */
    void personVerbCue(String text, List<NameToken> toks, List<Candidate> out) {
        for (int i = 0; i + 1 < toks.size(); i++) {
            NameToken t = toks.get(i);
            NameToken next = toks.get(i + 1);
            boolean verb = joined(text, t, next) && (PERSON_VERBS.contains(next.text())
                    || (next.text().equals("is") && i + 2 < toks.size() && toks.get(i + 2).text().equals("from")));
            if (!verb || t.medical() && !t.suffixOnly()) {
                continue;
            }
            String lower = t.text().toLowerCase(Locale.ROOT);
            if (t.kind() == Kind.LOWER_UNKNOWN || t.kind() == Kind.LOWER_GIVEN || t.kind() == Kind.UNKNOWN || t.suffixOnly()) {
                // "tomomi is from ...", "alvir spent a year": no English or clinical word, right before the verb
                out.add(new Candidate(PhiType.NAME, t.start(), t.end(), Candidate.NAME_LEXICON));
                continue;
            }
            if (t.kind() != Kind.COMMON_CAP && t.kind() != Kind.AMBIG_GIVEN && t.kind() != Kind.OTHER) {
                continue;
            }
            // given names only, of four letters or more: "The", "This" and the like are surnames somewhere
            if (t.text().length() < 4 || !(lex.givenNames.contains(lower) || lex.gazetteerGiven.contains(lower))
                    || lex.medicalTerms.contains(lower)) {
                continue;
            }
            out.add(new Candidate(PhiType.NAME, t.start(), t.end(), Candidate.NAME_LEXICON));
        }
    }

    /** "don't go to town, roy!", "thanks, Mark?": a given name alone between a comma and a ! or ?. */
    void vocatives(String text, List<NameToken> toks, List<Candidate> out) {
        for (NameToken t : toks) {
            if (t.text().length() < 3 || t.medical() && !t.suffixOnly()
                    || t.kind() == Kind.OTHER && !t.suffixOnly() && Character.isUpperCase(t.text().charAt(0))) {
                continue;
            }
            String lower = t.text().toLowerCase(Locale.ROOT);
            boolean unknownName = (t.kind() == Kind.LOWER_UNKNOWN || t.kind() == Kind.UNKNOWN || t.suffixOnly()) && nameShaped(t.text());
            // "Don't go to town, Bargeman!": a capitalised gazetteer name that is also a word counts here too
            boolean wordName = t.kind() == Kind.COMMON_CAP && spelling.capitalisedGazetteerName(t.text());
            if (FUNCTION_WORDS.contains(lower) || !(unknownName || wordName || lex.givenNames.contains(lower)
                    || lex.gazetteerGiven.contains(lower))) {
                continue;
            }
            int b = t.start() - 1;
            while (b >= 0 && text.charAt(b) == ' ') {
                b--;
            }
            int a = t.end();
            if (b >= 0 && text.charAt(b) == ',' && a < text.length() && (text.charAt(a) == '!' || text.charAt(a) == '?')) {
                out.add(new Candidate(PhiType.NAME, t.start(), t.end(), Candidate.NAME_LEXICON));
            }
        }
    }

    /** "kuldip and brender", "Vishal or kevan": an unknown word of name shape coordinated with a name. */
    void coordination(String text, List<NameToken> toks, List<Candidate> out) {
        for (int i = 1; i + 1 < toks.size(); i++) {
            NameToken c = toks.get(i);
            String w = c.text();
            if (!(w.equals("and") || w.equals("or")) || !joined(text, toks.get(i - 1), c) || !joined(text, c, toks.get(i + 1))) {
                continue;
            }
            NameToken a = toks.get(i - 1);
            NameToken b = toks.get(i + 1);
            if (personToken(a) && unknownNameShape(b)) {
                out.add(new Candidate(PhiType.NAME, b.start(), b.end(), Candidate.NAME_LEXICON));
            } else if (personToken(b) && unknownNameShape(a)) {
                out.add(new Candidate(PhiType.NAME, a.start(), a.end(), Candidate.NAME_LEXICON));
            }
        }
    }

    private static boolean personToken(NameToken t) {
        // "nhan and i are driving": the speaker is a person too
        return t.kind() == Kind.STRONG || t.kind() == Kind.LOWER_GIVEN || t.text().equals("i") || t.text().equals("I")
                || t.text().equals("me");
    }

    private static boolean unknownNameShape(NameToken t) {
        return (t.kind() == Kind.LOWER_UNKNOWN || t.kind() == Kind.UNKNOWN) && !t.medical() && nameShaped(t.text());
    }
}
