package io.vigil.ingest.deid;

import static io.vigil.ingest.deid.NameSpelling.PROPER_STOP;
import static io.vigil.ingest.deid.NameSpelling.nameShaped;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a word is ordinary English or clinical jargon rather than a name: word lists, plurals, contractions and
 * compounds, clinical prefixes and drug/diagnosis endings, eponyms used as disease names, demonyms. Notes are full
 * of capitalised and unknown jargon; these filters are what keeps it out of the NAME spans.
 */
final class JargonFilters {

    /** Endings of clinical words and drug stems; looked up by suffix, not by regex, to stay cheap per token. */
    private static final Set<String> MEDICAL_SUFFIXES = Set.of(
            "metry", "metria", "cyte", "cytes", "itis", "itus", "osis", "oses", "emia", "aemia", "algia", "ectomy",
            "otomy", "ostomy", "plasty", "scopy", "scopic", "graphy", "gram", "ology", "ologic", "ological",
            "ologist", "pathy", "penia", "plasia", "trophy", "megaly", "rrhea", "rrhoea", "uria", "oma", "omas",
            "emesis", "cele", "plegia", "paresis", "genic", "otic", "ical", "eal", "ous", "ic", "ar", "ary", "al",
            "pril", "olol", "alol", "ilol", "sartan", "statin", "dipine", "azole", "prazole", "tidine", "mab", "nib",
            "cillin", "mycin", "micin", "cycline", "floxacin", "vir", "semide", "thiazide", "zepam", "zolam",
            "profen", "coxib", "triptan", "setron", "dronate", "gliptin", "gliflozin", "glitazone", "parin", "xaban",
            "gatran", "tropium", "terol", "sonide", "olone", "asone", "isone", "afil", "lukast", "tadine", "oxetine",
            "triptyline", "pramine", "peridol", "apine", "idone", "azine", "etine", "amine", "oxine", "aline",
            "platin", "taxel", "rubicin", "tecan", "citabine", "rabine", "limus", "fungin", "caine", "olide", "mide",
            "urea", "orin", "ase", "ose", "ate", "ide", "diol", "quine", "adine", "idine", "ptine", "izine",
            "formin", "pentin", "arin", "ubin", "globin", "umin", "onin", "tamin", "actone", "adone", "azone");
    private static final int MAX_SUFFIX = 12;

    /** Greek/Latin combining forms that start clinical compounds ("Telehealth", "Dysmetria"). */
    private static final Pattern MEDICAL_PREFIX = Pattern.compile(
            "^(?:tele|hyper|hypo|micro|macro|neuro|cardio|gastro|hepato|nephro|pneumo|osteo|arthro|derma|hemo|haemo|immuno|onco|endo|peri|poly|pseudo|psycho|retro|trans|anti|post|intra|inter|supra|dys|tachy|brady|echo|electro|ortho|patho|physio|radio|myo|angio|broncho|cysto|encephalo|entero|erythro|leuko|lympho|thrombo|uro|vaso|oto|ophthalmo|tympano|laryngo|rhino|colono|endoscop|sono|spiro)");

    private static final Pattern CONTRACTION = Pattern.compile("^(\\p{L}+)['’](?:d|ll|ve|re|m|t|s)$");

    /** Only ends like a clinical word ("Tiefenthal"): not clinical if its spelling scores at least this name-like. */
    private static final double SUFFIX_OVERRIDE = 0.5;

    private final Lexicon lex;

    JargonFilters(Lexicon lex) {
        this.lex = lex;
    }

    /** An English word, its plural, a contraction of one, or a compound of English or clinical words. */
    boolean isCommon(String lower) {
        if (lex.englishWords.contains(lower)) {
            return true;
        }
        // plurals of ordinary words ("Respirations")
        if (lower.length() > 4 && lower.endsWith("s") && (lex.englishWords.contains(lower.substring(0, lower.length() - 1))
                || (lower.endsWith("es") && lex.englishWords.contains(lower.substring(0, lower.length() - 2))))) {
            return true;
        }
        Matcher c = CONTRACTION.matcher(lower);
        if (c.matches() && (lex.englishWords.contains(c.group(1)) || c.group(1).equals("i"))) {
            return true; // I'd, we'll, don't
        }
        if (lower.indexOf('-') > 0) {
            // "well-appearing", "follow-up": a compound of ordinary words; "jean-pierre" is two given names
            String[] parts = lower.split("-");
            boolean givenPair = parts.length > 1;
            boolean someNotWord = false;
            for (String p : parts) {
                givenPair &= p.length() >= 3 && (lex.givenNames.contains(p) || lex.gazetteerGiven.contains(p));
                someNotWord |= !lex.englishWords.contains(p);
            }
            if (givenPair && someNotWord) {
                return false;
            }
            for (String p : parts) {
                if (!p.isEmpty() && (lex.englishWords.contains(p) || isMedical(p))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A clinical word: listed, or a long word with a clinical prefix or ending. */
    boolean isMedical(String lower) {
        if (lex.medicalTerms.contains(lower)) {
            return true;
        }
        if (lower.length() >= 8 && MEDICAL_PREFIX.matcher(lower).find()) {
            return true;
        }
        // suffix rules only for words long enough that a name is unlikely to end that way by accident
        if (lower.length() < 7) {
            return false;
        }
        for (int k = 2; k <= MAX_SUFFIX && k < lower.length(); k++) {
            String suffix = lower.substring(lower.length() - k);
            if (MEDICAL_SUFFIXES.contains(suffix)) {
                // "-ic" but not the Slavic surname endings "-vic", "-cic"
                if (suffix.equals("ic") && "vc".indexOf(lower.charAt(lower.length() - 3)) >= 0) {
                    continue;
                }
                // "Tiefenthal", "Rathnakumar": an ending alone does not outweigh a spelling that is plainly a name
                return lex.nameLikelihood.score(lower) < SUFFIX_OVERRIDE;
            }
        }
        return false;
    }

    /** Clinical only by its ending and shaped like a name: a strong cue (a title, a phrase) may still take it. */
    boolean suffixOnlyMedical(String lower) {
        return lower.length() >= 5 && !isCommon(lower) && !lex.medicalTerms.contains(lower) && !MEDICAL_PREFIX.matcher(lower).find()
                && !lex.eponyms.contains(lower) && !PROPER_STOP.contains(lower) && !lex.placesNotPhi.contains(lower)
                && !isDemonym(lower) && nameShaped(lower);
    }

    /**
     * "papuloplaques", "plantarflexors", "foodborne": a combining form before an English word of five letters or
     * more; "coagulopathies": the plural of a clinical word. Jargon, not names (1% of out-of-gazetteer names end
     * in such a word: "fenchurch").
     */
    boolean compoundOrPlural(String lower) {
        int n = lower.length();
        for (int k = 4; k + 5 <= n; k++) {
            String tail = lower.substring(k);
            if (lex.englishWords.contains(tail) || lex.medicalTerms.contains(tail)) {
                return true;
            }
        }
        if (n > 5 && lower.endsWith("s")) {
            String stem = lower.endsWith("ies") ? lower.substring(0, n - 3) + "y"
                    : lower.substring(0, n - (lower.endsWith("es") ? 2 : 1));
            return isMedical(stem) || lex.rareWords.contains(stem) || isMedical(lower.substring(0, n - 1))
                    || lex.rareWords.contains(lower.substring(0, n - 1));
        }
        return false;
    }

    /** "Parkinson's disease", "Babinski sign", "Parkinsonism": an eponym used as a medical term. */
    boolean isEponymInUse(String text, String lower, int end) {
        for (int k = Math.max(3, lower.length() - 4); k < lower.length(); k++) {
            if (lex.eponyms.contains(lower.substring(0, k))) {
                return true; // Parkinsonism, Parkinsonian, Cushingoid
            }
        }
        if (!lex.eponyms.contains(lower)) {
            return false;
        }
        int i = end;
        if (i + 1 < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '’') && text.charAt(i + 1) == 's') {
            return true; // a possessive eponym in a note is a disease/sign far more often than a person
        }
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '-')) {
            i++;
        }
        int j = i;
        while (j < text.length() && Character.isLetter(text.charAt(j))) {
            j++;
        }
        String next = text.substring(i, j).toLowerCase(Locale.ROOT);
        return lex.medicalHeads.contains(next) || lex.eponyms.contains(next);
    }

    /** "Parisian", "Japanese", "Danish": capitalised, but not people ("Christian", "Sebastian" are names). */
    static boolean isDemonym(String lower) {
        return lower.length() > 5 && (lower.endsWith("ian") || lower.endsWith("ese") || lower.endsWith("ish"))
                && !lower.endsWith("stian");
    }
}
