package io.vigil.ingest.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeidentifierTest {

    private static final Deidentifier D = Deidentifier.create();

    /** The texts of the spans of one type. */
    private static List<String> found(String text, PhiType type) {
        List<String> out = new ArrayList<>();
        for (Span s : D.detect(text)) {
            if (s.type() == type) {
                out.add(text.substring(s.start(), s.end()));
            }
        }
        return out;
    }

    private static List<String> all(String text) {
        return D.detect(text).stream().map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
    }

    // ---------------------------------------------------------------- names

    @Test
    void namesAfterTitlesAndRoles() {
        assertThat(found("Seen by Dr. Alice Romero today.", PhiType.NAME)).containsExactly("Alice Romero");
        assertThat(found("Mr. Brown was seen.", PhiType.NAME)).containsExactly("Brown");
        assertThat(found("His wife Danuta noticed the tremor.", PhiType.NAME)).containsExactly("Danuta");
        assertThat(found("Electronically signed by Rajesh Patel, MD", PhiType.NAME)).containsExactly("Rajesh Patel");
        assertThat(found("Name: hyuuma t. maida\nAddress: 12 Elm St", PhiType.NAME)).containsExactly("hyuuma t. maida");
        assertThat(found("**Patient Name:** Jane Q. Public", PhiType.NAME)).containsExactly("Jane Q. Public");
    }

    @Test
    void namesFromTheLexicon() {
        assertThat(found("Follow up with Satsita Umkhayev in a couple of months.", PhiType.NAME))
                .containsExactly("Satsita Umkhayev");
        assertThat(found("Results were discussed with Krisztián Szöllösy.", PhiType.NAME)).containsExactly("Krisztián Szöllösy");
        // a common word after a given name is a surname
        assertThat(found("Caregiver is Alice Baker.", PhiType.NAME)).containsExactly("Alice Baker");
    }

    @Test
    void lowerCaseAndForeignNamesWithoutContext() {
        // gazetteer given names / surnames that are no English word, in lower case
        assertThat(found("kristina called about the results.", PhiType.NAME)).containsExactly("kristina");
        assertThat(found("reviewed with silvana moretti yesterday", PhiType.NAME)).containsExactly("silvana moretti");
        // a surname ending on an unknown word, and an initial inside a lower-case name
        assertThat(found("the note from early samoylova", PhiType.NAME)).containsExactly("samoylova");
        assertThat(found("bertram m. jørgensen  soldier", PhiType.NAME)).containsExactly("bertram m. jørgensen");
        // two unknown words of name shape, and an unknown word that owns something
        assertThat(found("maybe it's under chihiro fukunaga", PhiType.NAME)).containsExactly("chihiro fukunaga");
        assertThat(found("alpatu shervashidze's killers were sentenced", PhiType.NAME)).contains("alpatu shervashidze");
        // context cues in lower case: naming phrases, titles, verbs only people do
        assertThat(found("she named him frank", PhiType.NAME)).containsExactly("frank");
        assertThat(found("for my take on dr. wells, see below", PhiType.NAME)).containsExactly("wells");
        assertThat(found("tomomi is from a small town", PhiType.NAME)).containsExactly("tomomi");
        assertThat(found("Dexter lives on the corner.", PhiType.NAME)).containsExactly("Dexter");
        // a given name addressed between a comma and ! or ?
        assertThat(found("don't go to town, mark!", PhiType.NAME)).containsExactly("mark");
        assertThat(found("ok, sure! fine, thanks?", PhiType.NAME)).isEmpty();
    }

    @Test
    void namesSpelledLikeNamesInCaselessText() {
        // no list knows these words; in a text without capitals their spelling has to say "name"
        assertThat(NameDetector.caseless("got a message from ravindranath this morning. call back?")).isTrue();
        assertThat(NameDetector.caseless("He denies melena. No hematochezia.")).isFalse();
        assertThat(found("got a message from ravindranath this morning.", PhiType.NAME)).containsExactly("ravindranath");
        assertThat(found("tell takao i said thanks for the help.", PhiType.NAME)).containsExactly("takao");
        // coordination with a name or with "i", a greeting, a possessive "name", a hyphenated pair of given names
        assertThat(found("we met kuldip and brender at the station.", PhiType.NAME)).containsExactly("kuldip", "brender");
        assertThat(found("Nhan and I are driving down together.", PhiType.NAME)).containsExactly("Nhan");
        assertThat(found("hey vassos, the meeting moved to thursday.", PhiType.NAME)).containsExactly("vassos");
        assertThat(found("it's under my partner's name mah ofer", PhiType.NAME)).containsExactly("mah ofer");
        assertThat(found("as regular commenter jean-pierre points out", PhiType.NAME)).containsExactly("jean-pierre");
        // ordinary and clinical words are left alone
        assertThat(found("the invoice was forwarded to accounting, thanks!", PhiType.NAME)).isEmpty();
        assertThat(found("follow-up in two weeks, well-appearing.", PhiType.NAME)).isEmpty();
    }

    @Test
    void lowerCaseNamesInCasedText() {
        // a capitalised title takes a lower-case word no list knows; so does the start of a sentence
        assertThat(found("For my take on Mrs. takao, see below.", PhiType.NAME)).containsExactly("takao");
        assertThat(found("I called. briggs is a very sympathetic person.", PhiType.NAME)).containsExactly("briggs");
        // an ending shared with clinical words ("-al") does not hide a name before a verb only people do
        assertThat(found("Tiefenthal lives on the corner.", PhiType.NAME)).containsExactly("Tiefenthal");
        // lower-case jargon in a cased note stays
        assertThat(found("He denies nausea, vomiting, melena, hematochezia; drusen noted, lutein advised.", PhiType.NAME))
                .isEmpty();
    }

    @Test
    void nameLikelihoodSeparatesNamesFromWords() {
        NameLikelihood nl = Lexicon.defaults().nameLikelihood;
        assertThat(nl.score("hiroyuki")).isGreaterThan(nl.score("understanding") + 0.5);
        assertThat(nl.score("kuldip")).isGreaterThan(0);
        assertThat(nl.score("rathnakumar")).isGreaterThan(0);
        assertThat(nl.score("understanding")).isLessThan(0);
        assertThat(nl.score("thoroughly")).isLessThan(-0.5);
    }

    @Test
    void lowerCaseRulesLeaveClinicalWordsAlone() {
        assertThat(found("Pulses: dorsalis pedis 2+ bilaterally; vastus medialis obliquus strengthening.", PhiType.NAME)).isEmpty();
        assertThat(found("please call me when you're here", PhiType.NAME)).isEmpty();
        assertThat(found("The left knee was swollen. The patient lives alone.", PhiType.NAME)).isEmpty();
        assertThat(found("consider adding systemic cort", PhiType.NAME)).isEmpty();
        assertThat(found("seen last sunday in clinic", PhiType.NAME)).isEmpty();
    }

    @Test
    void eponymsAndDrugsAreNotNames() {
        assertThat(found("History of Parkinson's disease and Crohn's disease; Babinski sign negative.", PhiType.NAME)).isEmpty();
        assertThat(found("Features of Parkinsonism.", PhiType.NAME)).isEmpty();
        assertThat(found("Lisinopril 10 mg daily. Amlodipine 5 mg daily. Atorvastatin 40 mg.", PhiType.NAME)).isEmpty();
        assertThat(found("Assessment: Hypertension. Plan: Follow-up in 2 weeks.", PhiType.NAME)).isEmpty();
        // ... but a person called Parkinson is still a person
        assertThat(found("Mr. Parkinson reports less pain.", PhiType.NAME)).containsExactly("Parkinson");
    }

    @Test
    void ambiguousGivenNamesNeedContext() {
        assertThat(found("Will follow up. May consider MRI.", PhiType.NAME)).isEmpty();
        assertThat(found("Don't go to town, Mark!", PhiType.NAME)).containsExactly("Mark");
    }

    // ---------------------------------------------------------------- dates

    @ParameterizedTest
    @ValueSource(strings = {"March 3rd, 2021", "03/04/21", "2021-03-04", "Jan 2020", "3 March 2021", "2000-04-16 11:34:35",
            "September 9, 2022 at 10:15 AM", "Nov. 14, 2023", "12/31/1999", "27-June-2023", "January of 2020"})
    void dates(String date) {
        assertThat(found("Seen on " + date + " in clinic.", PhiType.DATE)).containsExactly(date);
    }

    @Test
    void yearsWeekdaysMonthDay() {
        assertThat(found("Diagnosed in 1977.", PhiType.DATE)).containsExactly("1977");
        assertThat(found("Back on Tuesday.", PhiType.DATE)).containsExactly("Tuesday");
        assertThat(found("Labs 03/14: Na 138", PhiType.DATE)).containsExactly("03/14");
        assertThat(found("last seen on 3/10.", PhiType.DATE)).containsExactly("3/10");
    }

    @Test
    void vitalsDosesAndLabsAreNotDates() {
        String t = "BP 120/80, HR 72, RR 16, glucose 112 mg/dL, metformin 1000mg BID, 2000 mL fluid, "
                + "Plt 150-450, ratio 1/2, E11.9, I10, troponin 0.02, may 5 tabs";
        assertThat(found(t, PhiType.DATE)).isEmpty();
        assertThat(found(t, PhiType.PHONE)).isEmpty();
        assertThat(found(t, PhiType.ID)).isEmpty();
    }

    // ---------------------------------------------------------------- phones, email, url, ip

    @ParameterizedTest
    @ValueSource(strings = {"(555) 555-5555", "555-555-5555", "+1-617-555-0199 ext. 204", "617.555.0123", "+44 20 7946 0958",
            "+34 612 345 678", "555-0143"})
    void phones(String phone) {
        assertThat(found("Call " + phone + " today.", PhiType.PHONE)).containsExactly(phone);
    }

    @Test
    void phonesWithoutStrongShapeNeedContext() {
        assertThat(found("Phone: 0490 75 40 81", PhiType.PHONE)).containsExactly("0490 75 40 81");
        assertThat(found("They're not answering at 78 651 450", PhiType.PHONE)).containsExactly("78 651 450");
        assertThat(found("Sizes 12 14 16 18 were tried.", PhiType.PHONE)).isEmpty();
    }

    @Test
    void emailsUrlsIps() {
        assertThat(found("Mail ingrid.halvorsen@example.org now", PhiType.EMAIL)).containsExactly("ingrid.halvorsen@example.org");
        assertThat(found("See https://portal.example.com/p?id=1.", PhiType.URL)).containsExactly("https://portal.example.com/p?id=1");
        assertThat(found("see www.example.se and example.org", PhiType.URL)).containsExactly("www.example.se", "example.org");
        assertThat(found("from 192.168.10.45 and 2001:db8:85a3::8a2e:370:7334", PhiType.IP))
                .containsExactly("192.168.10.45", "2001:db8:85a3::8a2e:370:7334");
        assertThat(found("at 10:30:00 and version 1.2.3", PhiType.IP)).isEmpty();
        assertThat(found("IP 999.1.1.1", PhiType.IP)).isEmpty();
    }

    // ---------------------------------------------------------------- ids

    @Test
    void idsWithContextAndChecksums() {
        assertThat(found("MRN: 00482913", PhiType.ID)).containsExactly("00482913");
        assertThat(found("**Patient ID:** 12345", PhiType.ID)).containsExactly("12345");
        assertThat(found("Acct #: A-7731902.", PhiType.ID)).containsExactly("A-7731902");
        assertThat(found("record # 55-2231", PhiType.ID)).containsExactly("55-2231");
        assertThat(found("SSN 123-45-6789", PhiType.ID)).containsExactly("123-45-6789");
        assertThat(found("card 4111 1111 1111 1111 on file", PhiType.ID)).containsExactly("4111 1111 1111 1111");
        assertThat(found("IBAN GB82 WEST 1234 5698 7654 32 please", PhiType.ID)).containsExactly("GB82 WEST 1234 5698 7654 32");
        assertThat(found("iban gb42nawi04454264788619", PhiType.ID)).isNotEmpty();
    }

    @Test
    void checksumsRejectLookalikes() {
        // 13+ digits failing Luhn with separators, and an IBAN with a wrong check digit
        assertThat(found("ref 4111 1111 1111 1112", PhiType.ID)).isEmpty();
        assertThat(found("code GB83 WEST 1234 5698 7654 32", PhiType.ID)).isEmpty();
        assertThat(Checksums.luhn("4111111111111111")).isTrue();
        assertThat(Checksums.iban("GB82WEST12345698765432")).isTrue();
        assertThat(Checksums.iban("GB83WEST12345698765432")).isFalse();
    }

    @Test
    void countsAreNotIds() {
        assertThat(found("visit 2, case 12, ICD-10 E11.9, HbA1c 7.4%, COVID-19", PhiType.ID)).isEmpty();
    }

    // ---------------------------------------------------------------- address, zip, age

    @Test
    void addressesAndZips() {
        // after "lives at" the whole clause is one address span; the prose after it survives
        String t = "Lives at 1450 Elm Street, Apt 4B, Springfield, IL 62704 with her son.";
        assertThat(found(t, PhiType.ADDRESS)).containsExactly("1450 Elm Street, Apt 4B, Springfield, IL 62704");
        String u = "Moved from 1450 Elm Street, Apt 4B, Springfield, IL 62704 last year.";
        assertThat(found(u, PhiType.ADDRESS)).containsExactly("1450 Elm Street", "Apt 4B", "Springfield");
        assertThat(found(u, PhiType.ZIP)).containsExactly("62704");
        assertThat(found("P.O. Box 149", PhiType.ADDRESS)).containsExactly("P.O. Box 149");
        assertThat(found("zip 02139-4307", PhiType.ZIP)).containsExactly("02139-4307");
        assertThat(found("Lives at home with his wife since 2 years.", PhiType.ADDRESS)).isEmpty();
    }

    @Test
    void onlyAgesOver89() {
        assertThat(found("92-year-old woman", PhiType.AGE)).containsExactly("92");
        assertThat(found("age 103, DNR", PhiType.AGE)).containsExactly("103");
        assertThat(found("A 65-year-old man and an 89 yo woman", PhiType.AGE)).isEmpty();
        assertThat(found("symptoms for 95 years ago", PhiType.AGE)).isEmpty();
        assertThat(D.deidentify("A 91 yo man").redactedText()).isEqualTo("A [AGE] yo man");
    }

    // ---------------------------------------------------------------- result, merging, unicode

    @Test
    void redactionAndCounts() {
        DeidResult r = D.deidentify("Dr. Alice Romero saw Mr. Brown on 03/04/2021, call (555) 555-5555.");
        assertThat(r.redactedText()).isEqualTo("Dr. [NAME] saw Mr. [NAME] on [DATE], call [PHONE].");
        assertThat(r.counts()).containsEntry(PhiType.NAME, 2).containsEntry(PhiType.DATE, 1).containsEntry(PhiType.PHONE, 1);
        assertThat(r.toString()).doesNotContain("Romero");
    }

    @Test
    void overlappingDetectionsMergeToOneSpan() {
        // the e-mail contains a name-like local part and a domain: one EMAIL span
        String t = "write to JonasZadina@armyspy.com";
        assertThat(all(t)).containsExactly("EMAIL:JonasZadina@armyspy.com");
        // a date inside an MRN-like context stays one span
        List<Span> spans = D.detect("Visit 2021-03-04 10:00 noted");
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0).type()).isEqualTo(PhiType.DATE);
    }

    @Test
    void unicodeOffsetsPointAtTheOriginalText() {
        String t = "😊 Nurse note: José Álvarez 😊 seen 😀 on 03/04/2021 — Ünal Öztürk called +44 20 7946 0958.";
        for (Span s : D.detect(t)) {
            String sub = t.substring(s.start(), s.end());
            assertThat(sub).doesNotStartWith(" ").doesNotEndWith(" ");
        }
        assertThat(found(t, PhiType.NAME)).contains("José Álvarez", "Ünal Öztürk");
        assertThat(found(t, PhiType.DATE)).containsExactly("03/04/2021");
        Span date = D.detect(t).stream().filter(s -> s.type() == PhiType.DATE).findFirst().orElseThrow();
        // code points: each emoji is 2 chars but 1 code point
        assertThat(date.codePointStart(t)).isEqualTo(date.start() - 3);
        // decomposed accents (e + combining acute) stay inside the name
        String nfd = "Seen by Dr. Jose\u0301 Marti\u0301nez today";
        assertThat(found(nfd, PhiType.NAME)).containsExactly("Jose\u0301 Marti\u0301nez");
    }

    @Test
    void lowerCaseNamesInCasedTextWhereNamesStand() {
        // out-of-gazetteer names typed in lower case, in a text that otherwise uses capitals
        assertThat(found("Per jayesh, the patient has not eaten since Tuesday.", PhiType.NAME)).containsExactly("jayesh");
        assertThat(found("Handed over to shuvra at 7 pm.", PhiType.NAME)).containsExactly("shuvra");
        assertThat(found("Transport arranged; teriann will drive her home.", PhiType.NAME)).containsExactly("teriann");
        assertThat(found("Please ask teriann's brother to call back.", PhiType.NAME)).containsExactly("teriann");
        // a pair judged as one: the second word ends like a clinical word ("-al")
        assertThat(found("Consent obtained from shyam tiefenthal, the health care proxy.", PhiType.NAME))
                .containsExactly("shyam tiefenthal");
        assertThat(found("Covering nurse nastassja noted a rash.", PhiType.NAME)).containsExactly("nastassja");
    }

    @Test
    void capitalisedNamesThatLookLikeWordsAfterTitlesAndPhrases() {
        // clinical only by the ending ("-ar", "-metry"): a name after a title, a naming phrase or a label
        assertThat(found("Seen by Dr. Sridhar today.", PhiType.NAME)).containsExactly("Sridhar");
        assertThat(found("Her maiden name is Dimetry", PhiType.NAME)).containsExactly("Dimetry");
        assertThat(found("Follow up with Sridhar in two weeks.", PhiType.NAME)).containsExactly("Sridhar");
        // gazetteer names that are also English words, after a phrase
        assertThat(found("Follow up with Bank Sari in a couple of months.", PhiType.NAME)).containsExactly("Bank Sari");
        assertThat(found("Spoke with Reed Grin about it.", PhiType.NAME)).containsExactly("Reed Grin");
        // mid-sentence, where a capital is telling, in a place where a name stands; and in vocatives
        assertThat(found("He's injured, but Harper just has to go.", PhiType.NAME)).containsExactly("Harper");
        assertThat(found("Why is Christen so impulsive?", PhiType.NAME)).containsExactly("Christen");
        assertThat(found("Don't go to town, Bargeman!", PhiType.NAME)).containsExactly("Bargeman");
        // not labels, title-case phrases, drugs or sentence starts
        assertThat(found("Height: 180 cm, Weight: 100 kg. HEENT: normal, Neck: supple.", PhiType.NAME)).isEmpty();
        assertThat(found("Referred to Hospice and Palliative Care.", PhiType.NAME)).isEmpty();
        assertThat(found("Started on Coumadin and Lasix yesterday.", PhiType.NAME)).isEmpty();
        assertThat(found("Educated on Diet and Exercise today.", PhiType.NAME)).isEmpty();
        // ... but not departments and services
        assertThat(found("Seen by Hand Surgery.", PhiType.NAME)).isEmpty();
        assertThat(found("Follow up with Primary Care in 2 weeks.", PhiType.NAME)).isEmpty();
        assertThat(found("Spoke with Social Work today.", PhiType.NAME)).isEmpty();
        assertThat(found("Seen by Dermatology and Cardiology.", PhiType.NAME)).isEmpty();
        assertThat(found("**CC:** Rheumatologic symptoms with new onset joint pain.", PhiType.NAME)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "No evidence of drusen.",                                   // after "of" (a place of jargon, not names)
            "Fundus: small drusen noted in the left eye.",              // after an adjective
            "Prescribe acitretin 25mg daily.",                          // before a dose
            "Consider adalimumab or etanercept, if needed.",            // coordinated with a drug
            "Prescribe topical calcipotriene and betamethasone.",       // after an adjective
            "He denies exposure to foodborne illness.",                 // a compound of English words, before a noun
            "Further imaging, such as echoc",                           // a text cut off inside a word
            "Screened for anhedonia and poor sleep.",                   // a rarer English word (SCOWL size 95)
            "Lisinopril 20 mg daily, lamivudine/zidovudine 150/300 mg daily.", // a combination product
            "Erythematous, non-blanching, papuloplaques on the trunk.", // combining form + English word
            "Vitamin deficiencies, malignancies, and coagulopathies.",  // the plural of a clinical word
            "Renal function: eGFR, creatinine.",                        // mixed case is an abbreviation
            "Optic discs show papilledema. Denies diplopia.",
            "The nurse practitioner reviewed the chart."})
    void clinicalJargonInCasedTextIsNotAName(String text) {
        assertThat(found(text, PhiType.NAME)).isEmpty();
    }

    @Test
    void hashedWordsMembership() {
        HashedWords w = HashedWords.of(List.of("drusen", "anhedonia"));
        assertThat(w.contains("drusen")).isTrue();
        assertThat(w.contains("anhedonia")).isTrue();
        assertThat(w.contains("teriann")).isFalse();
        assertThat(w.size()).isEqualTo(2);
        HashedWords bundled = Lexicon.defaults().rareWords;
        assertThat(bundled.size()).isGreaterThan(300_000);
        assertThat(bundled.contains("anhedonia")).isTrue();
        assertThat(bundled.contains("papilledema")).isTrue();
        assertThat(bundled.contains("shuvra")).isFalse();
    }

    @Test
    void emptyAndNull() {
        DeidResult r = D.deidentify("");
        assertThat(r.redactedText()).isEmpty();
        assertThat(r.spans()).isEmpty();
        assertThat(r.counts()).isEmpty();
        assertThatThrownBy(() -> D.deidentify(null)).isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- scale and safety

    // Catastrophic regex backtracking would take hours: @Timeout is a hang guard, not a speed
    // assertion (speed is measured by the ingest bench, never asserted here).
    @Test
    @Timeout(180)
    void oneMegabyteNoteInBoundedTime() {
        String para = "Seen by Dr. Alice Romero on 03/04/2021. BP 120/80, HR 72. Lisinopril 10 mg daily. "
                + "Call (555) 555-5555. MRN: 00482913. Lives at 1450 Elm Street, Springfield, IL 62704. ";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1_000_000) {
            sb.append(para);
        }
        String note = sb.toString();
        DeidResult r = D.deidentify(note);
        int copies = note.length() / para.length();
        assertThat(r.counts().get(PhiType.DATE)).isEqualTo(copies);
        assertThat(r.counts().get(PhiType.PHONE)).isEqualTo(copies);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 ", "1-", "a@", "a.", "Aa ", "9 9 ", "::", "0. ", "Dr. ", "x@y.", "+1 ", "1/"})
    @Timeout(120)
    void adversarialRepetitionsFinish(String unit) {
        String s = unit.repeat(200_000 / unit.length());
        assertThat(D.detect(s)).isNotNull();
    }

    @Test
    void sharedInstanceIsThreadSafe() throws Exception {
        String t = "Seen by Dr. Alice Romero on 03/04/2021, call (555) 555-5555, MRN 00482913.";
        List<Span> expected = D.detect(t);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Span>>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fs.add(pool.submit(() -> D.detect(t)));
            }
            for (Future<List<Span>> f : fs) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
