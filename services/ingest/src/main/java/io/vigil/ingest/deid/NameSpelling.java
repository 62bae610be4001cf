package io.vigil.ingest.deid;

import static io.vigil.ingest.deid.NameCues.FUNCTION_WORDS;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a single word, out of context, can be a name: the gazetteers, name-like spelling ({@link NameLikelihood}
 * and its thresholds), surname endings, the shape of a name, and the proper nouns and chat words that are not
 * people. Kept apart from the rules so that every rule asks the same questions with the same thresholds.
 */
final class NameSpelling {

    /** Capitalised proper nouns that are not people (and are not PHI). */
    static final Set<String> PROPER_STOP = Set.of(
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "english", "french",
            "spanish", "german", "dutch", "greek", "thai", "swiss", "irish", "scottish", "welsh", "jewish", "muslim",
            "christian", "catholic", "protestant", "baptist", "hindu", "buddhist", "medicare", "medicaid", "god",
            "christmas", "easter", "thanksgiving", "american", "african", "asian", "european", "caucasian", "hispanic",
            "latino", "latina", "mexican", "chinese", "japanese", "korean", "vietnamese", "indian", "arab", "arabic",
            "russian", "italian", "portuguese", "polish", "internet", "tylenol", "advil", "motrin", "foley", "gram",
            "celsius", "fahrenheit", "kelvin", "doppler", "holter", "heimlich", "mayo", "medline", "pubmed", "covid");

    /** Lower-case acronyms and chat words that no word list has but that are not names. */
    private static final Set<String> NOT_NAMES = Set.of(
            "iban", "swift", "sepa", "imei", "hipaa", "loinc", "snomed", "gonna", "wanna", "gotta", "kinda", "sorta",
            "dunno", "lemme", "gimme", "lmao", "lmfao", "rofl", "imho", "haha", "hahaha", "hehe", "yeah", "nope", "okay",
            "hmmm", "umm", "uhh", "ohh", "yall", "cuz", "coz", "pls", "plz", "thx", "thanx", "tho", "bday");

    /**
     * Endings that mark a surname in many languages ("samoylova", "kowalski", "petrović", "andersson"): a
     * lower-case word no English or clinical list knows that ends this way is taken as a name.
     */
    private static final List<String> SURNAME_ENDINGS = List.of(
            "ova", "ovа", "eva", "ovich", "evich", "enko", "escu", "opoulos", "oglu", "oğlu", "ski", "ska", "sky", "skaya",
            "wicz", "czyk", "sson", "ssen", "berg", "stein", "mann", "ović", "ovic", "evic", "ić", "yan", "idis",
            "akis", "shvili", "adze", "ov", "ev", "ez", "ini", "elli", "etti", "ucci", "acci", "oni", "ides", "aki",
            "ulu", "oto", "ura", "son", "dze", "sdottir", "sdóttir", "heim", "rud", "vić", "ová", "ský", "ská", "ak", "ek", "czak");

    /** Latin endings: anatomy and Latin jargon ("dorsalis", "vastus") far more often than names ("tiberius"). */
    private static final List<String> LATIN_ENDINGS = List.of("us", "is", "um", "ae", "ii", "ior", "ius", "alis", "aris", "ica", "ium");

    /**
     * Thresholds on NameLikelihood's per-character log ratio, chosen on the dev split, its lower-cased copy, dev
     * with its names swapped for names outside the gazetteer, and generated sentences (never on the held-out split):
     * in a caseless text a word no list knows is a name unless it spells plainly English (-0.5: 99.7% of
     * gazetteer names left out of training pass, 68% of one-letter typos of English words do too); four-letter
     * words and Latin endings need a spelling no more word-like than name-like (0), lower-case words in a cased
     * text a name-like one (0.5): there they are mostly clinical jargon.
     */
    static final double LIKELY_NAME = -0.5;

    static final double LIKELY_NAME_CASED = 0.5;
    /**
     * A lower-case word in a cased text, in a place where a name can stand (see lowerNamesInCasedText): the same
     * spelling test as in a caseless text. Chosen on the dev views and generated sentences; on the 464 unannotated
     * synthetic notes it adds no span.
     */
    static final double LIKELY_NAME_CASED_IN_CONTEXT = LIKELY_NAME;
    static final double LIKELY_NAME_STRICT = 0.0;

    private final Lexicon lex;

    NameSpelling(Lexicon lex) {
        this.lex = lex;
    }

    /**
     * A word no list knows that is spelled like a name rather than like an English or clinical word
     * ("akifumi", "glyceria"; not "enccounter", "nstemi"): character trigram likelihood ratio, see NameLikelihood.
     */
    boolean likelyName(String lower) {
        if (NOT_NAMES.contains(lower) || PROPER_STOP.contains(lower) || lex.placesNotPhi.contains(lower) || lex.eponyms.contains(lower)) {
            return false;
        }
        int dash = lower.indexOf('-');
        if (dash > 0) {
            // "jean-pierre", "ana-maria": every part a known given name or itself name-like
            for (String part : lower.split("-")) {
                if (part.length() < 2 || lex.englishWords.contains(part) && !lex.givenNames.contains(part)
                        || !(lex.givenNames.contains(part) || lowerGazetteerName(part) || likelyName(part))) {
                    return false;
                }
            }
            return true;
        }
        if (lower.length() < 4 || !lettersAndVowels(lower)) {
            return false;
        }
        double score = lex.nameLikelihood.score(lower);
        // four letters, or a Latin ending ("tiberius" but also "dorsalis"): the spelling has to say more
        boolean latin = false;
        for (String ending : LATIN_ENDINGS) {
            latin |= lower.endsWith(ending);
        }
        return score >= (lower.length() == 4 || latin ? LIKELY_NAME_STRICT : LIKELY_NAME);
    }

    /** Short surnames ("cort", "lang") are too often fragments or foreign words to count in lower case. */
    boolean lowerGazetteerName(String lower) {
        return (lower.length() >= 4 && lex.gazetteerGiven.contains(lower))
                || (lower.length() >= 5 && lex.gazetteerSurnames.contains(lower));
    }

    /** A gazetteer name that may also be an English word ("Harper", "Bank"); not a function word or a place. */
    boolean capitalisedGazetteerName(String t) {
        String lower = t.toLowerCase(Locale.ROOT);
        return !FUNCTION_WORDS.contains(lower) && !PROPER_STOP.contains(lower) && !lex.placesNotPhi.contains(lower)
                && !lex.medicalTerms.contains(lower) && (lower.length() >= 3 && lex.gazetteerGiven.contains(lower)
                || lower.length() >= 4 && lex.gazetteerSurnames.contains(lower));
    }

    static boolean hasSurnameEnding(String lower) {
        for (String e : SURNAME_ENDINGS) {
            if (lower.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    /** Four letters or more, letters only, vowels and consonants both: a word shape names have, typos less so. */
    static boolean nameShaped(String w) {
        if (w.length() < 4) {
            return false;
        }
        String lw = w.toLowerCase(Locale.ROOT);
        // Latin anatomy ("dorsalis pedis", "vastus medialis") is the usual pair of unknown words in a note
        for (String latin : LATIN_ENDINGS) {
            if (lw.endsWith(latin)) {
                return false;
            }
        }
        int vowels = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!Character.isLetter(c)) {
                return false;
            }
            vowels += "aeiouyáéíóúàèìòùäëïöüåæøâêîôûãõ".indexOf(Character.toLowerCase(c)) >= 0 ? 1 : 0;
        }
        return vowels > 0 && vowels < w.length();
    }

    /** Letters only, vowels and consonants both, at any length (unlike {@link #nameShaped}). */
    static boolean lettersAndVowels(String w) {
        int vowels = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!Character.isLetter(c)) {
                return false;
            }
            vowels += "aeiouyáéíóúàèìòùäëïöüåæøâêîôûãõ".indexOf(c) >= 0 ? 1 : 0;
        }
        return vowels > 0 && vowels < w.length();
    }

    /** "HbA", "PsA", "IgM": a capital inside a word is lab jargon; after a hyphen or apostrophe it is not. */
    static boolean hasInnerCapital(String t) {
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isUpperCase(c) && t.charAt(i - 1) != '-' && t.charAt(i - 1) != '\'' && t.charAt(i - 1) != '’') {
                return true;
            }
        }
        return false;
    }
}
