package io.vigil.ingest.deid;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regex and checksum rules for identifiers with a recognisable shape: dates, phones, e-mails, URLs, IPs,
 * SSNs, cards, IBANs, context ids, street addresses, ZIP codes and ages over 89.
 *
 * <p>Every pattern is anchored by a look-behind at a token boundary and uses bounded quantifiers, so a
 * match attempt costs a bounded number of steps per start position: linear in the text length.
 */
final class StructuredDetector {

    // ---------------------------------------------------------------- e-mail, URL, IP
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}(?![\\w-])");

    private static final Pattern URL = Pattern.compile(
            "(?i)(?<![\\w@])(?:https?://|ftp://|www\\.)[^\\s<>\"'(){}\\[\\]]{1,2000}");

    private static final String TLDS =
            "com|org|net|edu|gov|mil|info|biz|io|co|us|uk|de|fr|se|be|cz|nl|it|es|ca|au|ch|at|dk|no|fi|pl|ru|jp|cn|in|br|ie|nz|health|care";
    private static final Pattern BARE_DOMAIN = Pattern.compile(
            "(?i)(?<![\\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.){1,6}(?:" + TLDS + ")(?![\\w@-])(?:/[^\\s<>\"]{0,500})?");

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\.?\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?i)(?<![\\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\\w:])"
                    + "|(?i)(?<![\\w:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?(?![\\w:])");

    // ---------------------------------------------------------------- dates
    private static final Set<String> MONTHS = Set.of(
            "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
            "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december");
    /** Month words that are also ordinary English words: only accepted with a day or year next to them. */
    private static final Set<String> AMBIGUOUS_MONTHS = Set.of("may", "mar", "jan", "jun", "jul", "dec", "sept");

    /** Month names only (not any word: failing at the first letter keeps the scan cheap); ambiguity is checked in code. */
    private static final String MONTH_WORD = "(?<month>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))(?![A-Za-z])\\.?";
    private static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
    private static final String YEAR = "(?:(?:1[89]|20)\\d{2}|'\\d{2})";
    private static final String TIME = "(?:(?:,?\\s{1,3}(?:at\\s{1,3})?|T)(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,6})?)?(?:\\s?[AaPp]\\.?[Mm]\\.?)?(?:\\s?(?:Z|[+-]\\d{2}:?\\d{2}|UTC|GMT))?)?";

    /** "March 3rd, 2021", "Mar 3", "Jan 2020", "January of 2020", "March 3, 2021 10:30 AM". */
    private static final Pattern DATE_MONTH_FIRST = Pattern.compile(
            "(?<![\\w])" + MONTH_WORD + "(?:(?:[ \\t]{1,3}|-)(?<day>" + DAY + ")(?![\\d:])(?:,?[ \\t]{1,3}(?:of[ \\t]{1,3})?(?<year1>" + YEAR + "))?"
                    + "|(?:,?[ \\t]{1,3}(?:of[ \\t]{1,3})?|-|/)(?<year2>" + YEAR + "))(?![\\w])" + TIME);
    /** "3 March 2021", "3rd of March", "03-Mar-2021". */
    private static final Pattern DATE_DAY_FIRST = Pattern.compile(
            "(?<![\\w])(?<day>" + DAY + ")(?:[ \\t]{1,3}(?:of[ \\t]{1,3})?|-)" + MONTH_WORD + "(?:(?:,?[ \\t]{1,3}|-)(?<year>" + YEAR + "))?(?![\\w])" + TIME);
    /** Bare month names ("in March"); capitalised only, and not the ambiguous ones. */
    private static final Pattern MONTH_ALONE = Pattern.compile(
            "(?<![\\w])(?:January|February|March|April|June|July|August|September|October|November|December)(?![\\w])");
    /** 03/04/21, 3-4-2021, 03.04.2021 with optional time; validated as a calendar date in code. */
    private static final Pattern DATE_NUMERIC = Pattern.compile(
            "(?<![\\d/.\\-])(?<a>\\d{1,2})(?<sep>[/.\\-])(?<b>\\d{1,2})\\k<sep>(?<c>\\d{4}|\\d{2})(?![\\d/\\-]|\\.\\d)" + TIME);
    /** 2021-03-04, 2021/3/4, ISO with time. */
    private static final Pattern DATE_ISO = Pattern.compile(
            "(?<![\\d/.\\-])(?<y>(?:1[89]|20)\\d{2})(?<sep>[/.\\-])(?<m>\\d{1,2})\\k<sep>(?<d>\\d{1,2})(?![\\d/\\-]|\\.\\d)" + TIME);
    /** 03/2021 (month/year). */
    private static final Pattern DATE_MONTH_YEAR = Pattern.compile(
            "(?<![\\d/.\\-])(?:0?[1-9]|1[0-2])[/\\-](?:19|20)\\d{2}(?![\\d/\\-])");
    /** 03/14 with a zero-padded month: blood pressures and fractions are never written that way. */
    private static final Pattern DATE_MD_PADDED = Pattern.compile(
            "(?<![\\d/.\\-])(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\\d|3[01])(?![\\d/\\-]|\\.\\d)");
    /** "on 3/10", "since 12/2": month/day after a date preposition. */
    private static final Pattern DATE_MD_CONTEXT = Pattern.compile(
            "(?i)(?<![\\w])(?:on|since|from|until|till|through|dated|date:?|as[ \\t]of|starting|effective|admitted|discharged|seen)[ \\t]{1,3}(?<md>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01]))(?![\\d/\\-]|\\.\\d)");
    private static final Pattern WEEKDAY = Pattern.compile(
            "(?<![\\w])(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![\\w])");
    /** A year on its own (1900-2039), not part of a number or followed by a unit. */
    private static final Pattern YEAR_ALONE = Pattern.compile(
            "(?<![\\w.,/\\-+$])(?:19\\d{2}|20[0-3]\\d)(?:s|'s)?(?![\\w.,/]\\d|\\d|[ \\t]?(?:mg|mcg|ml|mL|g|kg|cc|units?|IU|kcal|cal|cells|copies|mm|cm|m|x|/|%)(?![A-Za-z]))");

    // ---------------------------------------------------------------- phones
    private static final String EXT = "(?:[ \\t]{0,2},?[ \\t]{0,2}(?:ext\\.?|extension|x|#)[ \\t]{0,2}\\d{1,6})?";
    /** North American: (555) 555-5555, 555-555-5555, +1 555 555 5555, 555.555.5555. */
    private static final Pattern PHONE_NANP = Pattern.compile(
            "(?<![\\w+(])(?:\\+?1[ \\t.\\-]{0,2})?(?:\\(\\d{3}\\)[ \\t]?|\\d{3}[ \\t.\\-])\\d{3}[ \\t.\\-]\\d{4}(?![\\w]|-\\d)" + EXT);
    /** International with a leading +: +44 20 7946 0958, +33 (0)1 23 45 67 89. */
    private static final Pattern PHONE_INTL = Pattern.compile(
            "(?<![\\w+])\\+\\d{1,3}(?:[ \\t.\\-]?\\(?\\d{1,5}\\)?){2,7}(?!\\w)" + EXT);
    /** Digit groups (2-5 digits) that are a phone only with a context word or a telling shape. */
    private static final Pattern PHONE_GROUPS = Pattern.compile(
            "(?<![\\w+./\\-])\\(?\\d{2,5}\\)?(?:[ .\\-]\\(?\\d{2,8}\\)?){1,5}(?![\\w/]|[.\\-]\\d)" + EXT);
    /** US local 555-1234. */
    private static final Pattern PHONE_LOCAL = Pattern.compile("(?<![\\w\\-./])\\d{3}-\\d{4}(?![\\w\\-/]|\\.\\d)");
    private static final Pattern PHONE_CONTEXT = Pattern.compile(
            "(?i)(?:phone|ph|tel|telephone|mobile|cell|cellphone|fax|facsimile|call|called|calling|contact|number|num|no|pager|beeper|reach|reached|text|texts|whatsapp|landline|hotline|answer|answering|message|messages|voicemail|dial|dialed|dialled|sms|ring)\\b[^\\n]{0,25}(?:\\n[ \\t]{0,4})?$");

    // ---------------------------------------------------------------- ids
    private static final Pattern SSN = Pattern.compile(
            "(?<![\\w\\-])\\d{3}(?<sep>[\\- ])\\d{2}\\k<sep>\\d{4}(?![\\w\\-])");
    private static final Pattern CARD = Pattern.compile("(?<![\\w\\-])\\d(?:[ \\-]?\\d){12,18}(?![\\w\\-])");
    private static final Pattern IBAN = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
    private static final Pattern CONTEXT_ID = Pattern.compile(
            "(?i)\\b(?<kw>MRN|MR|medical[ \\t]record|record|rec|acct|account|a/c|patient[ \\t]id|pt[ \\t]id|id|identifier|member[ \\t]id|member|policy|insurance[ \\t]id|subscriber|ssn|social[ \\t]security|license|licence|lic|dl|driver'?s[ \\t]license|dea|npi|passport|chart|encounter|visit|accession|claim|specimen|serial|device|badge|employee|case|ticket|fin|csn|har|unit[ \\t]number)"
                    + "(?:[ \\t]{0,3}(?:#|no\\.?|nr\\.?|number|num\\.?|id))?[ \\t*_]{0,6}[:#=]?[ \\t*_]{0,6}(?:is[ \\t]{1,3})?(?<id>[A-Z0-9][A-Z0-9\\-/.]{1,30}[A-Z0-9]|[0-9]{2})(?![\\w])");
    private static final Pattern GENERIC_ID = Pattern.compile(
            "(?<![\\w\\-.])(?:[A-Z]{1,5}-?)?\\d{6,20}(?:-\\d{1,6})?[A-Z]?(?![\\w\\-]|\\.\\d)");

    // ---------------------------------------------------------------- addresses, ZIP
    private static final Set<String> STREET_SUFFIXES = Set.of(
            "street", "st", "str", "avenue", "ave", "av", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive", "dr",
            "court", "ct", "way", "place", "pl", "terrace", "ter", "circle", "cir", "parkway", "pkwy", "highway", "hwy",
            "square", "sq", "trail", "trl", "crescent", "cres", "close", "row", "alley", "plaza", "pike", "loop", "path",
            "walk", "heights", "hts", "park", "gardens", "grove", "mews", "route", "rte", "expressway", "freeway",
            "turnpike", "causeway", "bend", "crossing", "point", "ridge", "run", "hill", "view", "estates", "commons",
            "green", "creek", "manor", "pass", "junction", "union", "parks", "streets", "extension", "extensions",
            "mission", "springs", "station", "harbor", "harbour", "landing", "meadows", "oaks", "pines", "shores",
            "village", "ville", "wells", "track", "cove", "fork", "forks", "glen", "haven", "isle", "knoll", "lake",
            "lakes", "mall", "mill", "mills", "orchard", "plains", "port", "prairie", "ranch", "rapids", "rest",
            "shoal", "summit", "throughway", "trace", "tunnel", "valley", "viaduct", "vista", "wall", "wharf");
    private static final Pattern STREET = Pattern.compile(
            "(?<![\\w\\-])\\d{1,6}[A-Za-z]?(?:-\\d{1,5})?(?:[ \\t]{1,3}(?:\\d{1,5}|[\\p{Lu}][\\p{L}\\p{M}'.\\-]{0,30})){1,5}\\.?");
    private static final Pattern WORD = Pattern.compile("[^ \\t]+");
    private static final Pattern UNIT = Pattern.compile(
            "(?<![\\w])(?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|Flat|Bldg|Building|Floor|Fl|Box)\\.?[ \\t]{0,3}#?[ \\t]{0,2}\\d{1,6}[A-Za-z]?(?![\\w])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PO_BOX = Pattern.compile(
            "(?i)(?<![\\w])(?:P\\.?[ \\t]?O\\.?[ \\t]{0,3}Box|Post[ \\t]Office[ \\t]Box|PSC|CMR|Unit)[ \\t]{0,3}\\d{1,6}(?:,?[ \\t]{0,3}Box[ \\t]{0,3}\\d{1,6})?(?:[ \\t\\n,]{1,4}(?:APO|DPO|FPO)[ \\t]{1,3}(?:AA|AE|AP)[ \\t]{1,3}\\d{5})?(?![\\w])");
    /** International street words: "Koskikatu 25", "Via Franscini 71", "Mellemvej 32", "137 Avenue Teboulbi". */
    private static final Pattern INTL_STREET = Pattern.compile(
            "(?<![\\w])(?:\\d{1,6}[ \\t]{1,3})?(?:[\\p{Lu}][\\p{L}\\p{M}'.\\-]{0,30}[ \\t]{1,3}){1,4}\\d{1,5}[A-Za-z]?(?![\\w])");
    /** "137 Avenue Teboulbi", "12 Rue de la Paix": street word first, house number before it. */
    private static final Pattern NUMBER_PREFIX_STREET = Pattern.compile(
            "(?<![\\w])\\d{1,6}[ \\t]{1,3}(?:Avenue|Avenida|Rue|Via|Viale|Calle|Rua|Piazza|Corso|Carrer|Camino|Paseo|Plaza|Chemin|Boulevard|Quai|Ulica|Odos)(?:[ \\t]{1,3}(?:d[eiu]|del|de la|des|la|le|das|dos|van|von)?[ \\t]{0,3}[\\p{Lu}][\\p{L}\\p{M}'.\\-]{0,30}){1,3}");
    private static final Pattern INTL_STREET_WORD = Pattern.compile(
            "(?:stra(?:ss|ß)e|str\\.?|gasse|weg|vej|vejen|gade|gatan|gata|vägen|veien|vegen|tie|katu|laan|straat|plein|allee|platz|ulica|utca|út|chaussée|ulitsa|prospekt|kapu|tér|náměstí|ulice|cesta|trg|vei|stræde|stræti|gränd|torg|bundesstrasse)$");
    private static final Pattern INTL_STREET_PREFIX = Pattern.compile(
            "^(?:Rue|Via|Viale|Vicolo|Calle|Avenida|Avenue|Rua|Piazza|Corso|Carrer|Camino|Paseo|Plaza|Chemin|Boulevard|Quai|Ul\\.?|Ulica|Odos|Av\\.?)$");
    /** "0138 Brisas 6802", "641 Dašická 688": a house/post number, street words, a number. */
    private static final Pattern NUMBER_WORDS_NUMBER = Pattern.compile(
            "(?<![\\w.,\\-])\\d{3,6}[ \\t]{1,3}(?=[\\p{L}]*\\p{Lu})(?:[\\p{L}][\\p{L}\\p{M}'.\\-]{0,30}[ \\t]{1,3}){1,4}\\d{1,5}(?![\\w.,]\\d|\\d|[ \\t]?(?:mg|mcg|ml|mL|g|kg|units?|%|x)(?![A-Za-z]))");
    private static final Pattern MILITARY_POST = Pattern.compile(
            "(?<![\\w])(?:APO|DPO|FPO)[ \\t]{1,3}(?:AA|AE|AP)[ \\t]{1,3}\\d{5}(?![\\w])");
    private static final String STATES =
            "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR|VI|GU|AB|BC|MB|NB|NL|NS|ON|PE|QC|SK";
    /** "Springfield, IL 62704": city and state are the address, the digits the ZIP. */
    private static final Pattern CITY_STATE_ZIP = Pattern.compile(
            "(?<![\\w])(?<city>[\\p{Lu}][\\p{L}\\p{M}.'\\-]{1,30}(?:[ \\t][\\p{Lu}][\\p{L}\\p{M}.'\\-]{1,30}){0,3}),?[ \\t]{1,3}(?:" + STATES
                    + ")\\.?(?:,?[ \\t]{1,3}(?<zip>\\d{5}(?:-\\d{4})?))(?![\\w\\-])");
    private static final Pattern STATE_ZIP = Pattern.compile(
            "(?<![\\w])(?:" + STATES + ")\\.?,?[ \\t]{1,3}(?<zip>\\d{5}(?:-\\d{4})?)(?![\\w\\-])");
    private static final Pattern ZIP_PLUS4 = Pattern.compile("(?<![\\w\\-])\\d{5}-\\d{4}(?![\\w\\-])");
    private static final Pattern ZIP_LABEL = Pattern.compile(
            "(?i)(?:zip|zipcode|zip[ \\t]code|postal[ \\t]code|postcode|post[ \\t]code|plz)[ \\t]{0,3}[:#]?[ \\t]{0,3}(?<zip>[A-Z0-9](?:[A-Z0-9 \\-]{1,8}[A-Z0-9])?)(?![\\w])");
    private static final Pattern CA_POSTAL = Pattern.compile("(?<![\\w])[A-Z]\\d[A-Z][ \\t]?\\d[A-Z]\\d(?![\\w])");
    private static final Pattern UK_POSTCODE = Pattern.compile("(?<![\\w])[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]\\d[A-Z]{2}(?![\\w])");
    /** "Address: ..." or "lives at ...": the rest of the line (or clause) is an address. */
    private static final Pattern ADDRESS_LABEL = Pattern.compile(
            "(?i)(?<label>\\baddress|\\baddr\\.?|\\bresides[ \\t](?:at|on)|\\blives[ \\t](?:at|on)|\\bliving[ \\t](?:at|on)|\\bcorner[ \\t]of)[ \\t]{0,3}[:\\-]?[ \\t]{0,3}(?<addr>[^\\n;]{3,120})");

    private static final Pattern PROSE_AFTER_ADDRESS = Pattern.compile(
            "(?i)[ \\t](?:with|since|for|and|who|where|until|alone|in[ \\t]a|since)\\b");

    // ---------------------------------------------------------------- ages over 89
    private static final Pattern AGE_YEARS = Pattern.compile(
            "(?i)(?<![\\w.])(?<age>9\\d|1[0-2]\\d)(?:[ \\t]{0,2}-?[ \\t]{0,2})(?:years?|yrs?|y\\.?o\\.?|y/o|yo|year-old|years-old|yr-old)(?![a-z])(?![ \\t]{1,3}ago)");
    private static final Pattern AGE_LABEL = Pattern.compile(
            "(?i)\\b(?:age|aged|ages|age:)[ \\t]{0,3}[:=]?[ \\t]{0,3}(?<age>9\\d|1[0-2]\\d)(?![\\w.])");

    List<Candidate> detect(String text, List<Candidate> out) {
        Scan scan = new Scan(text);
        emails(text, out);
        urls(text, scan, out);
        ips(text, scan, out);
        dates(text, out);
        phones(text, out);
        ids(text, out);
        addresses(text, scan, out);
        zips(text, scan, out);
        ages(text, out);
        return out;
    }

    /**
     * One cheap pass over the text that tells which rare shapes occur at all, so that the patterns needing
     * them are not run over every position of a text that cannot match (most notes have no URL, IP or ZIP).
     * Each flag is a necessary condition of its patterns, never a sufficient one: skipping cannot lose a match.
     */
    static final class Scan {
        final String lower;
        /** Some digit run of exactly five digits (ZIP, ZIP+4, military post). */
        final boolean fiveDigits;
        /** digits '.' digits '.' digits '.' digits somewhere (IPv4). */
        final boolean dottedQuad;
        /** "::" or a run of hex digits and colons with at least seven colons (IPv6). */
        final boolean colonRun;
        /** An alphanumeric, a dot and one of the known top-level domains (bare domains). */
        final boolean tld;

        Scan(String text) {
            lower = text.toLowerCase(Locale.ROOT);
            boolean five = false;
            boolean quad = false;
            boolean colons = text.contains("::");
            int n = text.length();
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    int j = i;
                    while (j < n && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                        j++;
                    }
                    five |= j - i == 5;
                    i = j;
                } else {
                    i++;
                }
            }
            // dotted quads and long colon runs: scan runs of [0-9.] / [0-9a-fA-F:]
            for (i = 0; i < n && !quad; ) {
                int j = i;
                int dots = 0;
                while (j < n && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
                    dots += text.charAt(j) == '.' ? 1 : 0;
                    j++;
                }
                quad = dots >= 3;
                i = j == i ? i + 1 : j;
            }
            for (i = 0; i < n && !colons; ) {
                int j = i;
                int c = 0;
                while (j < n && (Character.digit(text.charAt(j), 16) >= 0 || text.charAt(j) == ':')) {
                    c += text.charAt(j) == ':' ? 1 : 0;
                    j++;
                }
                colons = c >= 7;
                i = j == i ? i + 1 : j;
            }
            fiveDigits = five;
            dottedQuad = quad;
            colonRun = colons;
            tld = hasTld(lower);
        }

        private static final Set<String> TLD_SET = Set.of(TLDS.split("\\|"));

        private static boolean hasTld(String lower) {
            int n = lower.length();
            for (int i = lower.indexOf('.'); i >= 0; i = lower.indexOf('.', i + 1)) {
                if (i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1))) {
                    continue;
                }
                int j = i + 1;
                while (j < n && j - i <= 7 && lower.charAt(j) >= 'a' && lower.charAt(j) <= 'z') {
                    j++;
                }
                if (j > i + 1 && TLD_SET.contains(lower.substring(i + 1, j))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void add(List<Candidate> out, PhiType t, int s, int e, int prio) {
        if (e > s) {
            out.add(new Candidate(t, s, e, prio));
        }
    }

    private static void emails(String text, List<Candidate> out) {
        if (text.indexOf('@') < 0) {
            return;
        }
        Matcher m = EMAIL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.EMAIL, m.start(), m.end(), Candidate.EMAIL);
        }
    }

    private static void urls(String text, Scan scan, List<Candidate> out) {
        Matcher m;
        if (text.contains("://") || scan.lower.contains("www.")) {
            m = URL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            while (m.find()) {
                int end = trimTrailingPunct(text, m.start(), m.end());
                add(out, PhiType.URL, m.start(), end, Candidate.URL);
            }
        }
        if (!scan.tld) {
            return;
        }
        m = BARE_DOMAIN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            int end = trimTrailingPunct(text, m.start(), m.end());
            add(out, PhiType.URL, m.start(), end, Candidate.URL - 10);
        }
    }

    private static int trimTrailingPunct(String text, int start, int end) {
        while (end > start && ".,;:!?\"')]}".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static void ips(String text, Scan scan, List<Candidate> out) {
        Matcher m;
        if (scan.dottedQuad) {
            m = IPV4.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            while (m.find()) {
                add(out, PhiType.IP, m.start(), m.end(), Candidate.IP);
            }
        }
        if (!scan.colonRun) {
            return;
        }
        m = IPV6.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            String ip = m.group();
            int groups = 0;
            boolean hasHexLetterOrLong = false;
            for (String g : ip.split(":")) {
                if (!g.isEmpty()) {
                    groups++;
                    if (g.length() >= 3 || g.chars().anyMatch(Character::isLetter)) {
                        hasHexLetterOrLong = true;
                    }
                }
            }
            // "10:30::" or a clock time is not an address: demand hex-looking groups.
            if (groups >= 2 && hasHexLetterOrLong || ip.equals("::1")) {
                add(out, PhiType.IP, m.start(), m.end(), Candidate.IP);
            }
        }
    }

    // ---------------------------------------------------------------- dates

    private static boolean isMonth(String word, boolean needsStrongContext) {
        String w = word.toLowerCase(Locale.ROOT);
        if (!MONTHS.contains(w)) {
            return false;
        }
        // lower-case "may"/"mar" are verbs far more often than months
        if (needsStrongContext && AMBIGUOUS_MONTHS.contains(w) && Character.isLowerCase(word.charAt(0))) {
            return false;
        }
        return true;
    }

    private static void dates(String text, List<Candidate> out) {
        Matcher m = DATE_MONTH_FIRST.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            boolean hasYear = m.group("year1") != null || m.group("year2") != null;
            if (isMonth(m.group("month"), !hasYear)) {
                add(out, PhiType.DATE, m.start(), m.end(), Candidate.DATE);
            } else {
                m.region(m.start() + 1, text.length());
            }
        }
        m = DATE_DAY_FIRST.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            if (isMonth(m.group("month"), m.group("year") == null)) {
                add(out, PhiType.DATE, m.start(), m.end(), Candidate.DATE);
            } else {
                m.region(m.start() + 1, text.length());
            }
        }
        m = MONTH_ALONE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.DATE, m.start(), m.end(), Candidate.YEAR);
        }
        m = DATE_NUMERIC.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            int a = Integer.parseInt(m.group("a"));
            int b = Integer.parseInt(m.group("b"));
            String c = m.group("c");
            boolean dots = m.group("sep").equals(".");
            // dotted two-digit years ("1.2.10") look like section numbers: need a 4-digit year there
            if (dots && c.length() != 4) {
                continue;
            }
            if (validDayMonth(a, b) || validDayMonth(b, a)) {
                add(out, PhiType.DATE, m.start(), m.end(), Candidate.DATE);
            }
        }
        m = DATE_ISO.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            int mo = Integer.parseInt(m.group("m"));
            int d = Integer.parseInt(m.group("d"));
            if (validDayMonth(d, mo)) {
                add(out, PhiType.DATE, m.start(), m.end(), Candidate.DATE);
            }
        }
        m = DATE_MONTH_YEAR.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.DATE, m.start(), m.end(), Candidate.DATE - 5);
        }
        m = DATE_MD_PADDED.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.DATE, m.start(), m.end(), Candidate.DATE - 10);
        }
        m = DATE_MD_CONTEXT.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.DATE, m.start("md"), m.end("md"), Candidate.DATE - 10);
        }
        m = WEEKDAY.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.DATE, m.start(), m.end(), Candidate.YEAR);
        }
        m = YEAR_ALONE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.DATE, m.start(), m.end(), Candidate.YEAR);
        }
    }

    private static boolean validDayMonth(int day, int month) {
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    // ---------------------------------------------------------------- phones

    private static int digitCount(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                n++;
            }
        }
        return n;
    }

    private static boolean phoneContextBefore(String text, int start) {
        int from = Math.max(0, start - 40);
        return PHONE_CONTEXT.matcher(text.substring(from, start)).find();
    }

    private static void phones(String text, List<Candidate> out) {
        Matcher m = PHONE_NANP.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.PHONE, m.start(), m.end(), Candidate.PHONE);
        }
        m = PHONE_INTL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            int d = digitCount(m.group());
            if (d >= 8 && d <= 17) {
                add(out, PhiType.PHONE, m.start(), m.end(), Candidate.PHONE);
            }
        }
        m = PHONE_GROUPS.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            String g = m.group();
            int d = digitCount(g);
            if (d < 7 || d > 15) {
                continue;
            }
            boolean context = phoneContextBefore(text, m.start());
            // Shapes that are phones even without a context word: trunk prefix 0 or an area code in parentheses.
            boolean shape = (g.charAt(0) == '0' && d >= 9) || (g.charAt(0) == '(' && d >= 8);
            if (context || shape) {
                add(out, PhiType.PHONE, m.start(), m.end(), context ? Candidate.PHONE : Candidate.PHONE_WEAK);
            }
        }
        m = PHONE_LOCAL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.PHONE, m.start(), m.end(), Candidate.PHONE_WEAK);
        }
    }

    // ---------------------------------------------------------------- ids

    private static void ids(String text, List<Candidate> out) {
        Matcher m = SSN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            boolean hyphen = m.group("sep").equals("-");
            if (hyphen || phoneContextBefore(text, m.start()) || ssnContextBefore(text, m.start())) {
                add(out, PhiType.ID, m.start(), m.end(), Candidate.SSN);
            }
        }
        m = CARD.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            String g = m.group();
            int d = digitCount(g);
            if (d >= 13 && d <= 19 && Checksums.luhn(g)) {
                add(out, PhiType.ID, m.start(), m.end(), Candidate.CHECKSUM_ID);
            }
        }
        m = IBAN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            ibanPrefix(text, m.start(), m.end(), out);
        }
        m = CONTEXT_ID.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            String id = m.group("id");
            int digits = digitCount(id);
            // "visit 2" or "case 12" are counts, not identifiers: need a few digits.
            String kw = m.group("kw").toLowerCase(Locale.ROOT);
            boolean strongWord = kw.startsWith("mr") || kw.startsWith("medical") || kw.equals("ssn");
            if (digits >= 4 || (strongWord && digits >= 2)) {
                int end = trimTrailingPunct(text, m.start("id"), m.end("id"));
                add(out, PhiType.ID, m.start("id"), end, Candidate.CONTEXT_ID);
            }
        }
        m = GENERIC_ID.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            String g = m.group();
            int d = digitCount(g);
            boolean letters = Character.isLetter(g.charAt(0));
            if (d >= 7 || (letters && d >= 6)) {
                add(out, PhiType.ID, m.start(), m.end(), Candidate.GENERIC_ID);
            }
        }
    }

    private static boolean ssnContextBefore(String text, int start) {
        int from = Math.max(0, start - 30);
        String before = text.substring(from, start).toLowerCase(Locale.ROOT);
        return before.contains("ssn") || before.contains("social security") || before.contains("ss#");
    }

    /** An IBAN may be followed by more words: take the longest space-delimited prefix that passes mod 97. */
    private static void ibanPrefix(String text, int start, int end, List<Candidate> out) {
        int cut = end;
        while (cut > start) {
            String compact = text.substring(start, cut).replace(" ", "");
            if (compact.length() >= 15 && Checksums.iban(compact)) {
                add(out, PhiType.ID, start, cut, Candidate.CHECKSUM_ID);
                return;
            }
            int sp = text.lastIndexOf(' ', cut - 1);
            if (sp <= start) {
                return;
            }
            cut = sp;
        }
    }

    // ---------------------------------------------------------------- addresses

    private static void addresses(String text, Scan scan, List<Candidate> out) {
        Matcher m = STREET.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            // House number + up to 5 capitalised words: keep it up to the last street-type word.
            Matcher w = WORD.matcher(text).region(m.start(), m.end());
            int end = -1;
            boolean first = true;
            while (w.find()) {
                String word = text.substring(w.start(), w.end()).replaceAll("[.\\-']+$", "").toLowerCase(Locale.ROOT);
                if (!first && STREET_SUFFIXES.contains(word)) {
                    end = w.end();
                }
                first = false;
            }
            if (end > 0) {
                add(out, PhiType.ADDRESS, m.start(), end, Candidate.ADDRESS);
                m.region(end, text.length());
            } else {
                m.region(m.start() + 1, text.length());
            }
        }
        m = UNIT.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.ADDRESS, m.start(), m.end(), Candidate.ADDRESS - 5);
        }
        m = PO_BOX.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        boolean boxWords = scan.lower.contains("box") || scan.lower.contains("psc") || scan.lower.contains("cmr")
                || scan.lower.contains("unit");
        while (boxWords && m.find()) {
            String g = m.group().toLowerCase(Locale.ROOT);
            // bare "Unit 4" is a ward; a military "Unit 4719 Box 7394" or a PO box is an address
            if (g.startsWith("unit") && !g.contains("box")) {
                continue;
            }
            add(out, PhiType.ADDRESS, m.start(), m.end(), Candidate.ADDRESS);
        }
        m = INTL_STREET.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            String[] words = m.group().split("[ \\t]+");
            boolean street = false;
            for (String w : words) {
                if (w.length() > 4 && INTL_STREET_WORD.matcher(w.toLowerCase(Locale.ROOT)).find()
                        || INTL_STREET_PREFIX.matcher(w).matches()) {
                    street = true;
                    break;
                }
            }
            if (street) {
                add(out, PhiType.ADDRESS, m.start(), m.end(), Candidate.ADDRESS - 5);
            } else {
                m.region(Math.min(text.length(), m.start() + 1), text.length());
            }
        }
        m = NUMBER_PREFIX_STREET.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.ADDRESS, m.start(), m.end(), Candidate.ADDRESS - 5);
        }
        m = NUMBER_WORDS_NUMBER.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.ADDRESS, m.start(), m.end(), Candidate.ADDRESS - 10);
        }
        m = MILITARY_POST.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (scan.fiveDigits && m.find()) {
            add(out, PhiType.ADDRESS, m.start(), m.end(), Candidate.ADDRESS);
        }
        m = CITY_STATE_ZIP.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (scan.fiveDigits && m.find()) {
            add(out, PhiType.ADDRESS, m.start("city"), m.end("city"), Candidate.ADDRESS - 5);
        }
        m = ADDRESS_LABEL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        boolean addressWords = scan.lower.contains("addr") || scan.lower.contains("resides") || scan.lower.contains("liv")
                || scan.lower.contains("corner");
        while (addressWords && m.find()) {
            int s = m.start("addr");
            int e = m.end("addr");
            // stop at a sentence end (". " followed by a capital) so that the next sentence survives
            for (int i = s; i < e - 1; i++) {
                if (text.charAt(i) == '.' && Character.isWhitespace(text.charAt(i + 1)) && i > s + 2
                        && !Character.isUpperCase(text.charAt(i - 1))) {
                    e = i;
                    break;
                }
            }
            boolean labelled = m.group("label").toLowerCase(Locale.ROOT).startsWith("addr");
            if (!labelled) {
                // "lives at 12 Elm St with her son": the clause ends where the prose resumes
                Matcher stop = PROSE_AFTER_ADDRESS.matcher(text).region(s, e);
                if (stop.find()) {
                    e = stop.start();
                }
            }
            e = trimTrailingPunct(text, s, e);
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            // only when the clause carries a digit (house number, postcode) or a street word
            String addr = text.substring(s, e);
            // "lives at home with his wife" is not an address: outside an Address label, demand a capital or digit first
            boolean shaped = !addr.isEmpty() && (Character.isDigit(addr.charAt(0)) || Character.isUpperCase(addr.charAt(0)));
            if (digitCount(addr) > 0 && (labelled || shaped)) {
                add(out, PhiType.ADDRESS, s, e, Candidate.ADDRESS - 10);
            }
        }
    }

    private static void zips(String text, Scan scan, List<Candidate> out) {
        Matcher m = STATE_ZIP.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (scan.fiveDigits && m.find()) {
            add(out, PhiType.ZIP, m.start("zip"), m.end("zip"), Candidate.ZIP);
        }
        m = ZIP_PLUS4.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (scan.fiveDigits && m.find()) {
            add(out, PhiType.ZIP, m.start(), m.end(), Candidate.ZIP);
        }
        m = ZIP_LABEL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        boolean zipWords = scan.lower.contains("zip") || scan.lower.contains("post") || scan.lower.contains("plz");
        while (zipWords && m.find()) {
            if (digitCount(m.group("zip")) >= 3) {
                add(out, PhiType.ZIP, m.start("zip"), m.end("zip"), Candidate.ZIP);
            }
        }
        m = CA_POSTAL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.ZIP, m.start(), m.end(), Candidate.ZIP - 5);
        }
        m = UK_POSTCODE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.ZIP, m.start(), m.end(), Candidate.ZIP - 5);
        }
    }

    private static void ages(String text, List<Candidate> out) {
        Matcher m = AGE_YEARS.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.AGE, m.start("age"), m.end("age"), Candidate.AGE);
        }
        m = AGE_LABEL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(out, PhiType.AGE, m.start("age"), m.end("age"), Candidate.AGE);
        }
    }
}
