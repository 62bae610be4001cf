package io.vigil.ingest.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person names from context rules (titles, "seen by", "Name:" labels, signatures) and a lexicon
 * (given names, proper nouns, and capitalised words that no English or clinical word list knows).
 */
final class NameDetector {

    private static final Pattern TOKEN = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*+(?:['’\\-]\\p{L}[\\p{L}\\p{M}]*+)*+");

    /** Titles, with the dot optional only when capitalised ("Dr Brown", "mr. kozłowski"). */
    private static final Pattern TITLE = Pattern.compile(
            "(?<![\\w])(?:(?:Dr|Mrs|Mr|Ms|Mx|Prof|Sr|Sra|Mme|Mlle|Rev|Fr)\\.|(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Professor|Doctor|Nurse|Sister|Mister|Sir|Dame|Madam|Herr|Frau|Senor|Señor|Senora|Señora|Monsieur|Madame))[ \\t]+");
    /** Lower-case titles ("mr. kozłowski"); "ms." is left out: in notes it is milliseconds. */
    private static final Pattern TITLE_LOWER = Pattern.compile("(?<![\\w])(?:dr|mrs|mr|prof)\\.[ \\t]+");
    /** "miss hurf", "ms. ohl": taken only before a word no list knows ("ms." is also milliseconds, "miss" a verb). */
    private static final Pattern TITLE_LOWER_WEAK = Pattern.compile("(?<![\\w])(?:ms\\.|miss)[ \\t]+");
    private static final Set<String> TITLE_WORDS = Set.of("mr", "mrs", "ms", "mx", "dr", "prof", "st", "jr", "sr", "sra", "mme", "mlle", "rev", "fr");
    /** Phrases after which capitalised words are a person. */
    private static final Pattern PHRASE = Pattern.compile(
            "(?i)(?<![\\w])(?:my[ \\t]name[ \\t]is|name[ \\t]is|named|called|call[ \\t]me|calls[ \\t]me|i[ \\t]am|i'm|this[ \\t]is|seen[ \\t]by|seen[ \\t]with|evaluated[ \\t]by|examined[ \\t]by|(?:electronically[ \\t]|e-)?signed[ \\t]by|dictated[ \\t]by|transcribed[ \\t]by|reviewed[ \\t](?:by|with)|discussed[ \\t]with|spoke[ \\t](?:with|to)|spoken[ \\t](?:with|to)|accompanied[ \\t]by|attended[ \\t]by|cared[ \\t]for[ \\t]by|referred[ \\t]by|attending|attending[ \\t]physician|resident|fellow|pcp|primary[ \\t]care[ \\t](?:physician|provider|doctor)|referring[ \\t](?:physician|provider|doctor)|surgeon|husband|wife|son|daughter|mother|father|sister|brother|spouse|partner|guardian|caregiver|friend|neighbou?r|grandson|granddaughter|niece|nephew|aunt|uncle|emergency[ \\t]contact|next[ \\t]of[ \\t]kin|nok|follow[ \\t]up[ \\t]with|patient|pt|directed[ \\t]by|written[ \\t]by|produced[ \\t]by|composed[ \\t]by|starring|featuring|assistant[ \\t]to|married[ \\t]to|nurse|doctor|colleague|co-?worker|roommate|boyfriend|girlfriend|fianc[eé]e?|cousin|grandmother|grandfather|stepmother|stepfather|stepson|stepdaughter|interpreter|proxy|hi|hey|hello|dear|thanks|thank[ \\t]you|congrats|congratulations|goodbye)[,:]?[ \\t]+");
    /** Phrases that introduce a name even when it is an ordinary word ("her maiden name is Key"). */
    private static final Pattern NAMING_PHRASE = Pattern.compile(
            "(?i)(?<![\\w])(?:name[ \\t]is|named(?:[ \\t](?:him|her|them))?|calls?[ \\t](?:me|him|her)|called[ \\t](?:him|her)|goes[ \\t]by|nicknamed|known[ \\t]as)[,:]?[ \\t]+");
    /** "under my partner's name mah ofer": name words right after a possessive "name". */
    private static final Pattern OWNED_NAME = Pattern.compile("(?i)(?:['’]s|(?<![\\w])(?:my|his|her|your|their|our))[ \\t]+name[ \\t]+");
    /** Name fields: up to four words after the label are a name, whatever their case. */
    private static final Pattern NAME_LABEL = Pattern.compile(
            "(?i)(?<![\\w])(?:patient(?:'s)?[ \\t]name|name|full[ \\t]name|first[ \\t]name|last[ \\t]name|surname|family[ \\t]name|given[ \\t]name|maiden[ \\t]name|signature|signed)[ \\t*_]*:[ \\t*_]*"
                    + "|(?i)(?<![\\w])name[^\\n:?.]{0,8}\\?[ \\t]*(?:user:[ \\t]*)?");
    /** Role fields: name-like words after them are a name, ordinary words are not ("Referred to: Cardiology"). */
    private static final Pattern ROLE_LABEL = Pattern.compile(
            "(?i)(?<![\\w])(?:patient|pt|attending|provider|physician|pcp|nurse|contact|emergency[ \\t]contact|next[ \\t]of[ \\t]kin|guardian|spouse|cc|from|to|author|by)[ \\t*_]*:[ \\t*_]*");
    /** "Alice Romero, MD" and friends. */
    private static final Pattern SIGNATURE = Pattern.compile(
            "(?<name>\\p{Lu}[\\p{L}\\p{M}'\\-]{1,30}(?:[ \\t]{1,3}\\p{Lu}\\.?)?(?:[ \\t]{1,3}\\p{Lu}[\\p{L}\\p{M}'\\-]{1,30}){1,2}),?[ \\t]{1,3}(?:MD|M\\.D\\.|DO|D\\.O\\.|RN|NP|PA-C|PhD|DDS|FNP|FNP-BC|APRN|LPN|MBBS|FACP|FACC|CNM|CRNA|PharmD|MSW|LCSW)(?![\\w])");

    private static final Set<String> PARTICLES = Set.of(
            "van", "von", "de", "da", "del", "della", "di", "du", "le", "la", "bin", "ibn", "al", "el", "ben", "der", "den", "ter", "dos", "das", "y");

    /** Capitalised proper nouns that are not people (and are not PHI). */
    private static final Set<String> PROPER_STOP = Set.of(
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "english", "french",
            "spanish", "german", "dutch", "greek", "thai", "swiss", "irish", "scottish", "welsh", "jewish", "muslim",
            "christian", "catholic", "protestant", "baptist", "hindu", "buddhist", "medicare", "medicaid", "god",
            "christmas", "easter", "thanksgiving", "american", "african", "asian", "european", "caucasian", "hispanic",
            "latino", "latina", "mexican", "chinese", "japanese", "korean", "vietnamese", "indian", "arab", "arabic",
            "russian", "italian", "portuguese", "polish", "internet", "tylenol", "advil", "motrin", "foley", "gram",
            "celsius", "fahrenheit", "kelvin", "doppler", "holter", "heimlich", "mayo", "medline", "pubmed", "covid");

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

    /**
     * Endings that mark a surname in many languages ("samoylova", "kowalski", "petrović", "andersson"): a
     * lower-case word no English or clinical list knows that ends this way is taken as a name.
     */
    private static final List<String> SURNAME_ENDINGS = List.of(
            "ova", "ovа", "eva", "ovich", "evich", "enko", "escu", "opoulos", "oglu", "oğlu", "ski", "ska", "sky", "skaya",
            "wicz", "czyk", "sson", "ssen", "berg", "stein", "mann", "ović", "ovic", "evic", "ić", "yan", "idis",
            "akis", "shvili", "adze", "ov", "ev", "ez", "ini", "elli", "etti", "ucci", "acci", "oni", "ides", "aki",
            "ulu", "oto", "ura", "son", "dze", "sdottir", "sdóttir", "heim", "rud", "vić", "ová", "ský", "ská", "ak", "ek", "czak");

    /**
     * Verbs that say the word before them is a person ("Dexter lives on ...", "Key said"): a capitalised
     * gazetteer name that is also an English word counts as a name right before them.
     */
    private static final Set<String> PERSON_VERBS = Set.of(
            "lives", "lived", "works", "worked", "said", "says", "told", "tells", "wrote", "writes", "called",
            "phoned", "visited", "moved", "married", "studied", "went", "came", "resides",
            "resided", "stated", "states", "reported", "reports", "denies", "denied", "complains", "complained", "presents",
            "presented", "returns", "returned", "agreed", "asked", "wants", "wanted", "likes", "loves", "owns", "grew",
            "joined", "became", "teaches", "taught", "plays", "played", "spent", "spends");

    private static final Pattern WEIRD_CAPS_OK = Pattern.compile("^(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|La|Le|Van|Von)\\p{Lu}.*");

    private final Lexicon lex;

    NameDetector(Lexicon lex) {
        this.lex = lex;
    }

    private enum Kind { STRONG, AMBIG_GIVEN, PROPER, UNKNOWN, INITIAL, PARTICLE, COMMON_CAP, LOWER_GIVEN, LOWER_UNKNOWN, OTHER }

    /** @param suffixOnly medical only by its ending ("Tiefenthal" ends like "bilateral"): a strong cue may still take it */
    private record Tok(int start, int end, String text, Kind kind, boolean medical, boolean suffixOnly) {
        Tok(int start, int end, String text, Kind kind, boolean medical) {
            this(start, end, text, kind, medical, false);
        }
    }

    void detect(String text, List<Candidate> out) {
        boolean caseless = caseless(text);
        List<Tok> toks = tokenize(text, caseless);
        if (!caseless) {
            lowerNamesInCasedText(text, toks);
        }
        contextRules(text, toks, out);
        lexiconRuns(text, toks, out);
        if (!caseless) {
            lowerSentenceStarts(text, toks, out);
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

    private List<Tok> tokenize(String text, boolean caseless) {
        List<Tok> toks = new ArrayList<>();
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
            Tok tok = classify(text, s, e, t, nextToDigit, caseless);
            if (tok.kind() == Kind.LOWER_UNKNOWN && e < m.end() && t.length() >= 4) {
                // "shervashidze's killers": an unknown word that owns something is a name (ordinary words are known)
                tok = new Tok(tok.start(), tok.end(), tok.text(), Kind.LOWER_GIVEN, false);
            }
            if (tok.medical() && suffixOnlyMedical(tok.text().toLowerCase(Locale.ROOT))) {
                tok = new Tok(tok.start(), tok.end(), tok.text(), tok.kind(), true, true);
            }
            toks.add(tok);
        }
        return toks;
    }

    private Tok classify(String text, int s, int e, String t, boolean nextToDigit, boolean caseless) {
        String lower = t.toLowerCase(Locale.ROOT);
        boolean cap = Character.isUpperCase(t.codePointAt(0));
        boolean dotted = e < text.length() && text.charAt(e) == '.';
        if (t.length() == 1 && (cap || dotted)) {
            // an initial: "J." or "J" between two names
            int end = (e < text.length() && text.charAt(e) == '.') ? e + 1 : e;
            return new Tok(s, end, t, Kind.INITIAL, false);
        }
        boolean given = lex.givenNames.contains(lower);
        boolean common = isCommon(lower);
        boolean medical = !given && isMedical(lower);
        if (nextToDigit) {
            return new Tok(s, e, t, Kind.OTHER, medical);
        }
        if (!cap) {
            if (PARTICLES.contains(lower)) {
                return new Tok(s, e, t, Kind.PARTICLE, false);
            }
            if (given && !lex.ambiguousGiven.contains(lower) && t.length() >= (common ? 4 : 3)) {
                return new Tok(s, e, t, Kind.LOWER_GIVEN, false);
            }
            // lower-case names ("selma is from ...", "leone mazzi"): a gazetteer name that is no English or
            // clinical word, or an unknown word with a surname ending
            if (!common && !medical && !PROPER_STOP.contains(lower) && !lex.placesNotPhi.contains(lower)
                    && (lowerGazetteerName(lower) || (t.length() >= 6 && hasSurnameEnding(lower)))) {
                return new Tok(s, e, t, Kind.LOWER_GIVEN, false);
            }
            if (!common && !medical && (caseless ? likelyName(lower)
                    // in a text that uses capitals a lower-case name is rarer: only a spelling that says so loudly
                    : t.length() >= 5 && likelyName(lower) && lex.nameLikelihood.score(lower) >= LIKELY_NAME_CASED)) {
                return new Tok(s, e, t, Kind.LOWER_GIVEN, false);
            }
            if (!common && !medical && t.length() >= 3) {
                return new Tok(s, e, t, Kind.LOWER_UNKNOWN, false);
            }
            return new Tok(s, e, t, Kind.OTHER, medical);
        }
        boolean allCaps = t.equals(t.toUpperCase(Locale.ROOT));
        if (allCaps) {
            // Acronyms (ECG, HPI) dominate; only a known given name in capitals counts.
            boolean strong = given && !lex.ambiguousGiven.contains(lower) && t.length() >= 4 && !medical
                    && !lex.medicalTerms.contains(lower);
            return new Tok(s, e, t, strong ? Kind.STRONG : Kind.OTHER, medical);
        }
        if (hasInnerCapital(t) && !WEIRD_CAPS_OK.matcher(t).matches()) {
            return new Tok(s, e, t, Kind.OTHER, medical); // HbA, PsA, IgM
        }
        if (given) {
            return new Tok(s, e, t, lex.ambiguousGiven.contains(lower) ? Kind.AMBIG_GIVEN : Kind.STRONG, false);
        }
        if (TITLE_WORDS.contains(lower) || t.length() < 3) {
            return new Tok(s, e, t, Kind.OTHER, false); // "Mrs", "Na", "Hb"
        }
        if (medical || PROPER_STOP.contains(lower) || lex.placesNotPhi.contains(lower) || isEponymInUse(text, lower, e)
                || isDemonym(lower)) {
            return new Tok(s, e, t, Kind.COMMON_CAP, true);
        }
        if (common) {
            return new Tok(s, e, t, Kind.COMMON_CAP, false);
        }
        if (lex.properNouns.contains(t) || lex.properNouns.contains(capitalise(lower))) {
            return new Tok(s, e, t, Kind.PROPER, false);
        }
        if (t.length() <= 3 && !hasVowel(lower)) {
            return new Tok(s, e, t, Kind.OTHER, false); // Hct, Hgb
        }
        return new Tok(s, e, t, Kind.UNKNOWN, false);
    }

    /** Short surnames ("cort", "lang") are too often fragments or foreign words to count in lower case. */
    private boolean lowerGazetteerName(String lower) {
        return (lower.length() >= 4 && lex.gazetteerGiven.contains(lower))
                || (lower.length() >= 5 && lex.gazetteerSurnames.contains(lower));
    }

    /**
     * Thresholds on NameLikelihood's per-character log ratio, chosen on the dev split, its lower-cased copy, dev
     * with its names swapped for names outside the gazetteer, and generated sentences (never on the held-out split):
     * in a caseless text a word no list knows is a name unless it spells plainly English (-0.5: 99.7% of
     * gazetteer names left out of training pass, 68% of one-letter typos of English words do too); four-letter
     * words and Latin endings need a spelling no more word-like than name-like (0), lower-case words in a cased
     * text a name-like one (0.5): there they are mostly clinical jargon.
     */
    static final double LIKELY_NAME = -0.5;

    /**
     * A word no list knows that is spelled like a name rather than like an English or clinical word
     * ("akifumi", "glyceria"; not "enccounter", "nstemi"): character trigram likelihood ratio, see NameLikelihood.
     */
    /** Lower-case acronyms and chat words that no word list has but that are not names. */
    private static final Set<String> NOT_NAMES = Set.of(
            "iban", "swift", "sepa", "imei", "hipaa", "loinc", "snomed", "gonna", "wanna", "gotta", "kinda", "sorta",
            "dunno", "lemme", "gimme", "lmao", "lmfao", "rofl", "imho", "haha", "hahaha", "hehe", "yeah", "nope", "okay",
            "hmmm", "umm", "uhh", "ohh", "yall", "cuz", "coz", "pls", "plz", "thx", "thanx", "tho", "bday");

    private boolean likelyName(String lower) {
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

    static final double LIKELY_NAME_CASED = 0.5;
    /**
     * A lower-case word in a cased text, in a place where a name can stand (see lowerNamesInCasedText): the same
     * spelling test as in a caseless text. Chosen on the dev views and generated sentences; on the 464 unannotated
     * synthetic notes it adds no span.
     */
    static final double LIKELY_NAME_CASED_IN_CONTEXT = LIKELY_NAME;
    static final double SUFFIX_OVERRIDE = 0.5;
    static final double LIKELY_NAME_STRICT = 0.0;

    private static boolean lettersAndVowels(String w) {
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

    private boolean suffixOnlyMedical(String lower) {
        return lower.length() >= 5 && !isCommon(lower) && !lex.medicalTerms.contains(lower) && !MEDICAL_PREFIX.matcher(lower).find()
                && !lex.eponyms.contains(lower) && !PROPER_STOP.contains(lower) && !lex.placesNotPhi.contains(lower)
                && !isDemonym(lower) && nameShaped(lower);
    }

    private static boolean hasSurnameEnding(String lower) {
        for (String e : SURNAME_ENDINGS) {
            if (lower.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern CONTRACTION = Pattern.compile("^(\\p{L}+)['’](?:d|ll|ve|re|m|t|s)$");

    private boolean isCommon(String lower) {
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

    /** Greek/Latin combining forms that start clinical compounds ("Telehealth", "Dysmetria"). */
    private static final Pattern MEDICAL_PREFIX = Pattern.compile(
            "^(?:tele|hyper|hypo|micro|macro|neuro|cardio|gastro|hepato|nephro|pneumo|osteo|arthro|derma|hemo|haemo|immuno|onco|endo|peri|poly|pseudo|psycho|retro|trans|anti|post|intra|inter|supra|dys|tachy|brady|echo|electro|ortho|patho|physio|radio|myo|angio|broncho|cysto|encephalo|entero|erythro|leuko|lympho|thrombo|uro|vaso|oto|ophthalmo|tympano|laryngo|rhino|colono|endoscop|sono|spiro)");

    private boolean isMedical(String lower) {
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

    private static boolean isDemonym(String lower) {
        return lower.length() > 5 && (lower.endsWith("ian") || lower.endsWith("ese") || lower.endsWith("ish"))
                && !lower.endsWith("stian");
    }

    /** "Parkinson's disease", "Babinski sign", "Parkinsonism": an eponym used as a medical term. */
    private boolean isEponymInUse(String text, String lower, int end) {
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

    private static boolean hasInnerCapital(String t) {
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isUpperCase(c) && t.charAt(i - 1) != '-' && t.charAt(i - 1) != '\'' && t.charAt(i - 1) != '’') {
                return true;
            }
        }
        return false;
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

    // ---------------------------------------------------------------- context rules

    private static int firstTokenAtOrAfter(List<Tok> toks, int pos) {
        int lo = 0;
        int hi = toks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (toks.get(mid).start() < pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Only blanks (and an initial's dot) between two tokens on the same line. */
    private static boolean joined(String text, Tok a, Tok b) {
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

    private void contextRules(String text, List<Tok> toks, List<Candidate> out) {
        Matcher m = TITLE.matcher(text);
        while (m.find()) {
            // "Mrs. takao": after a capitalised title a lower-case word no list knows is a name too
            takeAfter(text, toks, m.end(), out, true, true);
        }
        m = TITLE_LOWER.matcher(text);
        while (m.find()) {
            takeAfter(text, toks, m.end(), out, false, true, true);
        }
        m = TITLE_LOWER_WEAK.matcher(text);
        while (m.find()) {
            takeAfter(text, toks, m.end(), out, false, true, false, true);
        }
        m = PHRASE.matcher(text);
        while (m.find()) {
            takeAfter(text, toks, m.end(), out, false, true);
        }
        m = NAMING_PHRASE.matcher(text);
        while (m.find()) {
            takeAfter(text, toks, m.end(), out, true, true, true);
        }
        m = OWNED_NAME.matcher(text);
        while (m.find()) {
            takeAfter(text, toks, m.end(), out, false, true);
        }
        m = NAME_LABEL.matcher(text);
        while (m.find()) {
            takeAfter(text, toks, m.end(), out, true, true);
        }
        m = ROLE_LABEL.matcher(text);
        while (m.find()) {
            takeAfter(text, toks, m.end(), out, false, false);
        }
        m = SIGNATURE.matcher(text);
        while (m.find()) {
            out.add(new Candidate(PhiType.NAME, m.start("name"), m.end("name"), Candidate.NAME_CONTEXT));
        }
    }

    /**
     * Takes up to four name tokens right after a trigger. After a title or label any capitalised word
     * counts ("Dr. Brown"); after a phrase ("seen by") ordinary words do not ("seen by Cardiology").
     */
    private void takeAfter(String text, List<Tok> toks, int pos, List<Candidate> out, boolean anyCapital, boolean lowerOk) {
        takeAfter(text, toks, pos, out, anyCapital, lowerOk, false);
    }

    /** Words that cannot be a name even right after "my name is" or "dr.". */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "not", "no", "is", "are", "was", "were", "be", "to", "of", "in", "on",
            "at", "for", "with", "by", "from", "as", "it", "its", "this", "that", "these", "those", "my", "your", "his",
            "her", "their", "our", "he", "she", "they", "we", "you", "i", "me", "him", "them", "us", "so", "if", "then",
            "than", "also", "very", "just", "still", "already", "unknown", "none", "same", "different", "changed", "and/or",
            "when", "where", "what", "who", "whom", "how", "why", "back", "now", "later", "soon", "again", "today",
            "tomorrow", "tonight", "asap", "please", "anytime", "any", "before", "about", "up", "out",
            "into", "over", "there", "here", "after", "regarding", "re");

    /**
     * @param anyFirstWord after a lower-case title or a naming phrase ("dr. wells", "my name is martin") the
     *                     first word is a name even when it is an ordinary word, unless it is a function word
     */
    private void takeAfter(String text, List<Tok> toks, int pos, List<Candidate> out, boolean anyCapital, boolean lowerOk,
                           boolean anyFirstWord) {
        takeAfter(text, toks, pos, out, anyCapital, lowerOk, anyFirstWord, false);
    }

    /** @param lowerOnly only lower-case name words (given names, words no list knows) count */
    private void takeAfter(String text, List<Tok> toks, int pos, List<Candidate> out, boolean anyCapital, boolean lowerOk,
                           boolean anyFirstWord, boolean lowerOnly) {
        int i = firstTokenAtOrAfter(toks, pos);
        if (i >= toks.size() || toks.get(i).start() != pos) {
            return;
        }
        int start = -1;
        int end = -1;
        Tok prev = null;
        int taken = 0;
        // "follow up with Bank Sari": after a phrase, capitalised gazetteer names that are also words ("Bank")
        // are a name, unless another capitalised word follows them ("seen by Hand Surgery": a department)
        boolean wordNames = false;
        boolean otherEvidence = false;
        for (; i < toks.size() && taken < 4; i++) {
            Tok t = toks.get(i);
            if (prev != null && !joined(text, prev, t)) {
                break;
            }
            boolean wordName = t.kind() == Kind.COMMON_CAP && lowerOk && !t.medical() && capitalisedGazetteerName(t.text());
            wordNames |= wordName;
            boolean ok = wordName || switch (t.kind()) {
                case STRONG, PROPER, UNKNOWN, INITIAL, AMBIG_GIVEN -> true;
                case PARTICLE -> start >= 0;
                // "Dr. Sridhar", "name is Dimetry", "with Sridhar": a capitalised word that is clinical only by its
                // ending ("-ar", "-metry") and no list knows is a name after a title, a label or a phrase
                case COMMON_CAP -> anyCapital && !t.medical() || (anyCapital || lowerOk) && t.suffixOnly();
                case LOWER_GIVEN, LOWER_UNKNOWN -> lowerOk;
                case OTHER -> lowerOk && t.suffixOnly() && Character.isLowerCase(t.text().charAt(0))
                        || anyFirstWord && start < 0 && t.text().length() >= 2 && (!t.medical() || t.suffixOnly())
                        && !FUNCTION_WORDS.contains(t.text().toLowerCase(Locale.ROOT))
                        && Character.isLetter(t.text().charAt(0));
            };
            if (!ok || lowerOnly && t.kind() != Kind.LOWER_GIVEN && t.kind() != Kind.LOWER_UNKNOWN) {
                break;
            }
            if (start < 0) {
                start = t.start();
            }
            otherEvidence |= t.kind() != Kind.COMMON_CAP && t.kind() != Kind.INITIAL && t.kind() != Kind.PARTICLE;
            end = t.end();
            prev = t;
            taken++;
        }
        if (wordNames && !otherEvidence && i < toks.size() && joined(text, prev, toks.get(i))
                && Character.isUpperCase(toks.get(i).text().charAt(0))) {
            return;
        }
        // a lone capital without a dot ("Patient: A 28-year-old") is an article, not an initial
        if (start >= 0 && !(taken == 1 && prev.kind() == Kind.INITIAL && prev.end() - prev.start() == 1)) {
            out.add(new Candidate(PhiType.NAME, start, end, Candidate.NAME_CONTEXT));
        }
    }

    // ---------------------------------------------------------------- lexicon

    private static boolean sentenceStart(String text, int pos) {
        int i = pos - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '"' || text.charAt(i) == '(')) {
            i--;
        }
        return i < 0 || ".!?:;\n\r*#-•>".indexOf(text.charAt(i)) >= 0;
    }

    private static final List<String> LATIN_ENDINGS = List.of("us", "is", "um", "ae", "ii", "ior", "ius", "alis", "aris", "ica", "ium");

    /** Four letters or more, letters only, vowels and consonants both: a word shape names have, typos less so. */
    private static boolean nameShaped(String w) {
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

    /** "m." or "b" inside a lower-case name. */
    private static boolean isLowerInitial(Tok t) {
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
    private void lexiconRuns(String text, List<Tok> toks, List<Candidate> out) {
        int n = toks.size();
        int i = 0;
        while (i < n) {
            Tok t = toks.get(i);
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
                Tok nk = k < n ? toks.get(k) : null;
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
                Tok next = toks.get(j + 1);
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
        personVerbCue(text, toks, out);
        capitalisedWordNames(text, toks, out);
        vocatives(text, toks, out);
        coordination(text, toks, out);
    }

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
     * A lower-case word in a text that uses capitals: a word no English or clinical list knows, spelled like a name
     * ({@link #likelyName}), in a place where a name can stand (after a clause boundary, a preposition, a conjunction
     * or a verb of contact; before a clause boundary, an auxiliary, a preposition or a verb) and not where clinical
     * jargon stands (after a determiner or an adjective, before a noun or a dose, in a list of drugs, cut off at the
     * end of the text). Taken as a name ("Per mosur, the patient ...", "Handed over to hsi takeuchi at 7 pm").
     */
    private void lowerNamesInCasedText(String text, List<Tok> toks) {
        int n = toks.size();
        boolean[] cand = new boolean[n];
        for (int i = 0; i < n; i++) {
            Tok t = toks.get(i);
            String lower = t.text();
            cand[i] = t.kind() == Kind.LOWER_UNKNOWN && lower.length() >= 4 && isLowerCase(lower)
                    && !lex.rareWords.contains(lower) && !compoundOrPlural(lower) && likelyName(lower)
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
                    Tok t = toks.get(k);
                    toks.set(k, new Tok(t.start(), t.end(), t.text(), Kind.LOWER_GIVEN, false));
                }
            }
            i = last;
        }
    }

    private boolean okBefore(String text, List<Tok> toks, int i) {
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

    private boolean okAfter(String text, List<Tok> toks, int i) {
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
        Tok next = toks.get(i + 1);
        String w = next.text().toLowerCase(Locale.ROOT);
        if ((w.equals("and") || w.equals("or")) && i + 2 < toks.size() && medicalNeighbour(toks.get(i + 2))) {
            return false;
        }
        // not any verb in -ed: "drusen noted", "crepitus appreciated" are findings
        return AFTER_NAME.contains(w) || PERSON_VERBS.contains(w);
    }

    /**
     * "papuloplaques", "plantarflexors", "foodborne": a combining form before an English word of five letters or
     * more; "coagulopathies": the plural of a clinical word. Jargon, not names (1% of out-of-gazetteer names end
     * in such a word: "fenchurch").
     */
    private boolean compoundOrPlural(String lower) {
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

    private boolean capitalisedGazetteerName(String t) {
        String lower = t.toLowerCase(Locale.ROOT);
        return !FUNCTION_WORDS.contains(lower) && !PROPER_STOP.contains(lower) && !lex.placesNotPhi.contains(lower)
                && !lex.medicalTerms.contains(lower) && (lower.length() >= 3 && lex.gazetteerGiven.contains(lower)
                || lower.length() >= 4 && lex.gazetteerSurnames.contains(lower));
    }

    private boolean pairPartner(Tok t) {
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
    private boolean medicalNeighbour(Tok t) {
        return t.medical();
    }

    /**
     * "briggs is a very sympathetic person.": in a text that capitalises its sentences, a sentence that starts
     * with a lower-case word no list knows most likely starts with a name someone typed in lower case.
     */
    private void lowerSentenceStarts(String text, List<Tok> toks, List<Candidate> out) {
        for (Tok t : toks) {
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

    /** "kuldip and brender", "Vishal or kevan": an unknown word of name shape coordinated with a name. */
    private void coordination(String text, List<Tok> toks, List<Candidate> out) {
        for (int i = 1; i + 1 < toks.size(); i++) {
            Tok c = toks.get(i);
            String w = c.text();
            if (!(w.equals("and") || w.equals("or")) || !joined(text, toks.get(i - 1), c) || !joined(text, c, toks.get(i + 1))) {
                continue;
            }
            Tok a = toks.get(i - 1);
            Tok b = toks.get(i + 1);
            if (personToken(a) && unknownNameShape(b)) {
                out.add(new Candidate(PhiType.NAME, b.start(), b.end(), Candidate.NAME_LEXICON));
            } else if (personToken(b) && unknownNameShape(a)) {
                out.add(new Candidate(PhiType.NAME, a.start(), a.end(), Candidate.NAME_LEXICON));
            }
        }
    }

    private static boolean personToken(Tok t) {
        // "nhan and i are driving": the speaker is a person too
        return t.kind() == Kind.STRONG || t.kind() == Kind.LOWER_GIVEN || t.text().equals("i") || t.text().equals("I")
                || t.text().equals("me");
    }

    private static boolean unknownNameShape(Tok t) {
        return (t.kind() == Kind.LOWER_UNKNOWN || t.kind() == Kind.UNKNOWN) && !t.medical() && nameShaped(t.text());
    }

    /**
     * "but Harper just has to", "Why is Christen so impulsive?": mid-sentence, where a capital is telling, a
     * capitalised gazetteer name that is also an English word, in a place where a name stands (the same test as
     * for lower-case names in cased text: after a conjunction, preposition or contact verb, before an auxiliary or
     * a boundary). Title-case phrases ("Primary Care", "Hand Surgery") fail the test on one side.
     */
    private void capitalisedWordNames(String text, List<Tok> toks, List<Candidate> out) {
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.kind() != Kind.COMMON_CAP || t.medical() || t.text().length() < 4 || hasInnerCapital(t.text())
                    || Character.isUpperCase(t.text().charAt(t.text().length() - 1))
                    || !capitalisedGazetteerName(t.text()) || sentenceStart(text, t.start())) {
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

    /** "don't go to town, roy!", "thanks, Mark?": a given name alone between a comma and a ! or ?. */
    private void vocatives(String text, List<Tok> toks, List<Candidate> out) {
        for (Tok t : toks) {
            if (t.text().length() < 3 || t.medical() && !t.suffixOnly()
                    || t.kind() == Kind.OTHER && !t.suffixOnly() && Character.isUpperCase(t.text().charAt(0))) {
                continue;
            }
            String lower = t.text().toLowerCase(Locale.ROOT);
            boolean unknownName = (t.kind() == Kind.LOWER_UNKNOWN || t.kind() == Kind.UNKNOWN || t.suffixOnly()) && nameShaped(t.text());
            // "Don't go to town, Bargeman!": a capitalised gazetteer name that is also a word counts here too
            boolean wordName = t.kind() == Kind.COMMON_CAP && capitalisedGazetteerName(t.text());
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

    /** "Dexter lives on ...": a capitalised name that is also a word, right before a verb only people do. */
    private void personVerbCue(String text, List<Tok> toks, List<Candidate> out) {
        for (int i = 0; i + 1 < toks.size(); i++) {
            Tok t = toks.get(i);
            Tok next = toks.get(i + 1);
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
}
