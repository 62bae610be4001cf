package io.vigil.ingest.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Thresholds on data the rules were not tuned on: the held-out presidio templates and the annotated notes. */
class DeidEvaluationTest {

    /** The types with a recall target (the privacy-critical ones). */
    private static final List<PhiType> TARGET_TYPES = List.of(PhiType.NAME, PhiType.DATE, PhiType.PHONE, PhiType.EMAIL, PhiType.ID);
    private static final double RECALL_TARGET = 0.95;
    /**
     * NOT tuned against (rules were tuned on the dev split, its lower-cased and name-swapped copies, generated
     * sentences and the unannotated synthetic notes): held-out NAME recall was 0.920 before the name gazetteer,
     * 0.937 with it, 0.949 with the spelling model, and 0.952 (334/351) with the cased-text name rules, measured
     * once. The floor is the target, met by one name: losing a single held-out name fails this test.
     */
    private static final double PRESIDIO_NAME_RECALL_FLOOR = 0.95;
    private static final double PRECISION_TARGET = 0.85;

    private static Path root;
    private static Deidentifier d;

    @BeforeAll
    static void setUp() {
        root = DeidEvaluation.repoRoot();
        d = Deidentifier.create();
    }

    private static void assertTargets(String name, DeidEvaluation.Report r) {
        SoftAssertions soft = new SoftAssertions();
        for (PhiType t : TARGET_TYPES) {
            DeidEvaluation.Stats s = r.byType.get(t);
            if (s == null || s.gold == 0) {
                continue;
            }
            double target = name.startsWith("presidio") && t == PhiType.NAME ? PRESIDIO_NAME_RECALL_FLOOR : RECALL_TARGET;
            soft.assertThat(s.recall()).as(name + " recall " + t + " (" + s.foundTyped + "/" + s.gold + ")")
                    .isGreaterThanOrEqualTo(target);
            soft.assertThat(s.precision()).as(name + " precision " + t + " (" + s.predictedCorrect + "/" + s.predicted + ")")
                    .isGreaterThanOrEqualTo(PRECISION_TARGET);
        }
        soft.assertThat(r.all.precision()).as(name + " precision overall").isGreaterThanOrEqualTo(PRECISION_TARGET);
        soft.assertAll();
    }

    @Test
    void heldOutPresidioTemplatesMeetTheTargets() throws IOException {
        List<DeidEvaluation.Doc> test = DeidEvaluation.loadPresidio(root.resolve(DeidEvaluation.PRESIDIO), true);
        List<DeidEvaluation.Doc> dev = DeidEvaluation.loadPresidio(root.resolve(DeidEvaluation.PRESIDIO), false);
        assertThat(test.size() + dev.size()).isEqualTo(1008);
        assertThat(test).isNotEmpty();
        assertTargets("presidio test", DeidEvaluation.evaluate(test, d));
    }

    @Test
    void annotatedClinicalNotesMeetTheTargets() throws IOException {
        List<DeidEvaluation.Doc> docs = DeidEvaluation.loadMarkup(root.resolve(DeidEvaluation.CLINICAL_GOLD), null);
        assertThat(docs).hasSizeGreaterThanOrEqualTo(70);
        assertTargets("clinical", DeidEvaluation.evaluate(docs, d));
    }

    @Test
    void scoringFollowsTheDocumentedDefinitions() {
        // gold NAME overlapped by a NAME (typed hit), gold ZIP overlapped by an ADDRESS (compatible),
        // gold PHONE overlapped only by an ID (any-type hit, typed miss), an ORGANIZATION predicted as NAME (correct)
        String text = "Dr. Alice Romero, 1450 Elm Street 62704, acct 555-555-5555, Acme Medical Widgets Inc";
        List<DeidEvaluation.GoldSpan> gold = List.of(
                new DeidEvaluation.GoldSpan("NAME", 4, 16),
                new DeidEvaluation.GoldSpan("ZIP", 34, 39),
                new DeidEvaluation.GoldSpan("PHONE", 46, 58),
                new DeidEvaluation.GoldSpan("ORGANIZATION", 60, 84));
        Deidentifier fake = Deidentifier.create();
        DeidEvaluation.Report r = DeidEvaluation.evaluate(List.of(new DeidEvaluation.Doc("x", text, gold)), fake);
        assertThat(r.byType.get(PhiType.NAME).foundTyped).isEqualTo(1);
        assertThat(r.outOfScope.get("ORGANIZATION")[0]).isEqualTo(1);
        assertThat(r.all.gold).isEqualTo(3);
        assertThat(DeidEvaluation.compatible(PhiType.ZIP)).contains(PhiType.ADDRESS);
        assertThat(DeidEvaluation.mapPresidio("AGE", "79")).isNull();
        assertThat(DeidEvaluation.mapPresidio("AGE", "93")).isEqualTo(PhiType.AGE);
        assertThat(DeidEvaluation.mapPresidio("IBAN_CODE", "x")).isEqualTo(PhiType.ID);
        // precision: every predicted span here overlaps some gold span or is counted wrong
        assertThat(r.all.predicted).isEqualTo(r.all.predictedCorrect + r.falsePositives.size());
    }

    @Test
    void annotatedSyntheticNotesAreTheOriginalTexts() throws IOException {
        Map<String, String> csv = SyntheticNotes.byId(root);
        assertThat(csv).hasSize(500);
        List<DeidEvaluation.Doc> docs = DeidEvaluation.loadMarkup(root.resolve(DeidEvaluation.CLINICAL_GOLD),
                "synthetic_notes_mistral500");
        assertThat(docs).hasSizeGreaterThanOrEqualTo(30);
        for (DeidEvaluation.Doc doc : docs) {
            assertThat(doc.text()).as(doc.id()).isEqualTo(csv.get(doc.id()));
        }
    }
}
