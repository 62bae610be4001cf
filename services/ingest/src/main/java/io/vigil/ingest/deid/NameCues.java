package io.vigil.ingest.deid;

import static io.vigil.ingest.deid.NamePositions.joined;

import io.vigil.ingest.deid.NameToken.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names announced by the words before them: titles ("Dr.", "mrs."), phrases ("seen by", "my name is", "daughter"),
 * name and role labels ("Name:", "PCP:"), and degrees after a signature ("Alice Romero, MD"). The strongest
 * evidence for a name; after such a cue even words that are otherwise ordinary can be taken.
 */
final class NameCues {

    /** Titles, with the dot optional only when capitalised ("Dr Brown", "mr. kozłowski"). */
    private static final Pattern TITLE = Pattern.compile(
            "(?<![\\w])(?:(?:Dr|Mrs|Mr|Ms|Mx|Prof|Sr|Sra|Mme|Mlle|Rev|Fr)\\.|(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Professor|Doctor|Nurse|Sister|Mister|Sir|Dame|Madam|Herr|Frau|Senor|Señor|Senora|Señora|Monsieur|Madame))[ \\t]+");
    /** Lower-case titles ("mr. kozłowski"); "ms." is left out: in notes it is milliseconds. */
    private static final Pattern TITLE_LOWER = Pattern.compile("(?<![\\w])(?:dr|mrs|mr|prof)\\.[ \\t]+");
    /** "miss hurf", "ms. ohl": taken only before a word no list knows ("ms." is also milliseconds, "miss" a verb). */
    private static final Pattern TITLE_LOWER_WEAK = Pattern.compile("(?<![\\w])(?:ms\\.|miss)[ \\t]+");

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

    /** Words that cannot be a name even right after "my name is" or "dr.". */
    static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "not", "no", "is", "are", "was", "were", "be", "to", "of", "in", "on",
            "at", "for", "with", "by", "from", "as", "it", "its", "this", "that", "these", "those", "my", "your", "his",
            "her", "their", "our", "he", "she", "they", "we", "you", "i", "me", "him", "them", "us", "so", "if", "then",
            "than", "also", "very", "just", "still", "already", "unknown", "none", "same", "different", "changed", "and/or",
            "when", "where", "what", "who", "whom", "how", "why", "back", "now", "later", "soon", "again", "today",
            "tomorrow", "tonight", "asap", "please", "anytime", "any", "before", "about", "up", "out",
            "into", "over", "there", "here", "after", "regarding", "re");

    private final NameSpelling spelling;

    NameCues(NameSpelling spelling) {
        this.spelling = spelling;
    }

    /** Names right after titles, naming phrases, role words, name and role labels; names before a degree. */
    void detect(String text, List<NameToken> toks, List<Candidate> out) {
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
    private void takeAfter(String text, List<NameToken> toks, int pos, List<Candidate> out, boolean anyCapital, boolean lowerOk) {
        takeAfter(text, toks, pos, out, anyCapital, lowerOk, false);
    }

    /**
     * @param anyFirstWord after a lower-case title or a naming phrase ("dr. wells", "my name is martin") the
     *                     first word is a name even when it is an ordinary word, unless it is a function word
     */
    private void takeAfter(String text, List<NameToken> toks, int pos, List<Candidate> out, boolean anyCapital, boolean lowerOk,
                           boolean anyFirstWord) {
        takeAfter(text, toks, pos, out, anyCapital, lowerOk, anyFirstWord, false);
    }

    /** @param lowerOnly only lower-case name words (given names, words no list knows) count */
    private void takeAfter(String text, List<NameToken> toks, int pos, List<Candidate> out, boolean anyCapital, boolean lowerOk,
                           boolean anyFirstWord, boolean lowerOnly) {
        int i = firstTokenAtOrAfter(toks, pos);
        if (i >= toks.size() || toks.get(i).start() != pos) {
            return;
        }
        int start = -1;
        int end = -1;
        NameToken prev = null;
        int taken = 0;
        // "follow up with Bank Sari": after a phrase, capitalised gazetteer names that are also words ("Bank")
        // are a name, unless another capitalised word follows them ("seen by Hand Surgery": a department)
        boolean wordNames = false;
        boolean otherEvidence = false;
        for (; i < toks.size() && taken < 4; i++) {
            NameToken t = toks.get(i);
            if (prev != null && !joined(text, prev, t)) {
                break;
            }
            boolean wordName = t.kind() == Kind.COMMON_CAP && lowerOk && !t.medical() && spelling.capitalisedGazetteerName(t.text());
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

    private static int firstTokenAtOrAfter(List<NameToken> toks, int pos) {
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
}
