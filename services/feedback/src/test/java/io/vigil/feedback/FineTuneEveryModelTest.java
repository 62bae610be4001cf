package io.vigil.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.feedback.tuning.FineTuner;
import io.vigil.feedback.tuning.FraudReplay;
import io.vigil.feedback.tuning.LabelledSet;
import io.vigil.feedback.tuning.ModelRegistry;
import io.vigil.feedback.tuning.NoteRiskReplay;
import io.vigil.feedback.tuning.ReplaySource;
import io.vigil.models.DjlOffline;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import io.vigil.platform.config.VigilConfig;
import io.vigil.models.drift.ReferenceProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning beyond news-sentiment, on the real engine with the bundled champions and the bundled data:
 * transaction-fraud (tabular, replay through the stream's feature code, judged by holdout AUPRC) and note-risk
 * (text, replay of the weak-labelled notes). Each learns its corrections and passes the gate; a fraud candidate
 * taught wrong labels is rejected by the holdout.
 */
class FineTuneEveryModelTest {

    @TempDir
    Path dir;
    ModelStore store;
    FineTuner tuner;
    FraudReplay fraud;
    NoteRiskReplay notes;

    @BeforeEach
    void setUp() {
        DjlOffline.ensure();
        store = new ModelStore(dir.resolve("models"));
        BundledModels.install(store);
        FeedbackSettings s = VigilConfig.defaults().bind("feedback", FeedbackSettings.class);
        fraud = new FraudReplay(Champions.DATA, dir.resolve("state"));
        notes = new NoteRiskReplay(Champions.DATA, dir.resolve("state"));
        Map<String, ReplaySource<?>> sources = Map.of(fraud.model(), fraud, notes.model(), notes);
        tuner = new FineTuner(new ModelRegistry(store), sources, s.fineTune(), s.gate(), Champions.DATA, null);
    }

    static Map<String, Double> features(float[] x) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) m.put(FraudReplay.featureNames().get(i), (double) x[i]);
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void fraudLearnsItsMissesAndTheHoldoutStopsWrongLabels() {
        assertThat(tuner.refusal("transaction-fraud")).isEmpty();
        String champion = store.current("transaction-fraud").orElseThrow();
        LabelledSet<float[]> pool = fraud.replayPool();
        List<Prediction> p;
        try (ScoringModel<float[]> m = (ScoringModel<float[]>) store.load("transaction-fraud", champion)) {
            p = m.predict(pool.inputs());
        }
        // the champion's mistakes on earlier data, corrected: missed frauds and false alarms
        List<TrainingExample> corrections = new ArrayList<>();
        int fn = 0;
        int fp = 0;
        for (int i = 0; i < pool.size(); i++) {
            boolean isFraud = pool.labels()[i] == 1;
            boolean said = p.get(i).label().equals("fraud");
            if (isFraud && !said && fn < 60) fn++;
            else if (!isFraud && said && fp < 60) fp++;
            else continue;
            corrections.add(new TrainingExample("txn-" + i, "transaction-fraud", null, features(pool.inputs().get(i)),
                    isFraud ? "fraud" : "legit", Map.of()));
        }
        assertThat(corrections).hasSizeGreaterThanOrEqualTo(40);
        FineTuner.Result r = tuner.run("transaction-fraud", corrections, "test");
        System.out.println("fraud fine-tune: " + r.decision().summary() + " " + r.counts());
        assertThat(r.champion().correctionsAccuracy()).isEqualTo(0.0);
        assertThat(r.candidate().correctionsAccuracy()).isGreaterThanOrEqualTo(0.05);
        assertThat(r.decision().checks()).anyMatch(c -> c.startsWith("PASS holdout AUPRC") || c.startsWith("FAIL holdout AUPRC"));
        assertThat(r.champion().holdoutAuprc()).isBetween(0.5, 1.0);
        assertThat(r.promoted()).as(r.decision().summary()).isTrue();
        assertThat(store.current("transaction-fraud")).contains(r.version());
        assertThat(store.card("transaction-fraud", r.version()).parentVersion()).isEqualTo(champion);
        // the promoted version's own drift reference: the candidate's scores on the parent's reference data
        ReferenceProfile built = ReferenceProfile.read(store.dir("transaction-fraud", r.version())).orElseThrow();
        ReferenceProfile parentProfile = ReferenceProfile.read(store.dir("transaction-fraud", champion)).orElseThrow();
        assertThat(built.version()).isEqualTo(r.version());
        assertThat(built.rows()).isEqualTo(parentProfile.rows());
        assertThat(built.features().get("log_amount")).isEqualTo(parentProfile.features().get("log_amount"));
        assertThat(built.features().get("score")).isNotEqualTo(parentProfile.features().get("score"));
        assertThat((Map<String, Object>) store.card("transaction-fraud", r.version()).metrics().get("referenceProfile"))
                .containsEntry("source", "built");

        // 150 legit transactions "corrected" to fraud: the gate refuses the candidate. With the balance features of
        // txn-features-v2 the candidate does not even take these labels (none drains its account), so the first
        // failing check is the corrections' own; with a weaker champion it was the holdout (AUPRC -0.07).
        List<TrainingExample> wrong = new ArrayList<>();
        Random rnd = new Random(3);
        while (wrong.size() < 150) {
            int i = rnd.nextInt(pool.size());
            if (pool.labels()[i] == 0) wrong.add(new TrainingExample("bad-" + i, "transaction-fraud", null,
                    features(pool.inputs().get(i)), "fraud", Map.of()));
        }
        FineTuner.Result bad = tuner.run("transaction-fraud", wrong, "test");
        System.out.println("fraud wrong labels: " + bad.decision().summary());
        assertThat(bad.promoted()).isFalse();
        assertThat(bad.decision().summary()).containsAnyOf("FAIL holdout", "FAIL corrections accuracy");
        assertThat(store.current("transaction-fraud")).contains(r.version());
        assertThat(ReferenceProfile.read(bad.location())).hasValueSatisfying(pr -> assertThat(pr.version()).isEqualTo(bad.version()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void noteRiskLearnsAnUrgentPhraseTheRulesAndTheModelMiss() {
        String[] who = {"[NAME]", "The patient", "This [AGE]-year-old man", "This woman", "[NAME], a known diabetic,"};
        String[] what = {"acetaminophen", "insulin", "opioids", "benzodiazepines", "tricyclic antidepressants", "beta blockers"};
        String[] ctx = {"found by family", "brought in by ambulance", "seen in clinic today", "reported by the pharmacist",
                "discussed at handover", "noted on the ward round", "per the daughter", "after a night shift"};
        List<String> texts = new ArrayList<>();
        for (String w : who) for (String d : what) for (String c : ctx) {
            texts.add(w + " says he has thought about ending his life with " + d + " and has been giving away belongings, " + c
                    + ". Vitals recorded. Plan discussed with the team.");
        }
        java.util.Collections.shuffle(texts, new Random(5));
        List<TrainingExample> corrections = new ArrayList<>();
        for (int i = 0; i < 100; i++) corrections.add(new TrainingExample("note-" + i, "note-risk", texts.get(i), "urgent", Map.of()));
        List<String> probe = texts.subList(100, texts.size());
        String champion = store.current("note-risk").orElseThrow();
        double before = urgentShare(champion, probe);

        FineTuner.Result r = tuner.run("note-risk", corrections, "test");
        System.out.println("note-risk fine-tune: " + r.decision().summary() + " " + r.counts());
        double after = urgentShare(r.version(), probe);
        System.out.printf("note-risk: ending-life notes judged urgent %.2f -> %.2f%n", before, after);
        assertThat(before).isLessThan(0.5);
        assertThat(after).isGreaterThanOrEqualTo(before + 0.4);
        assertThat(r.promoted()).as(r.decision().summary()).isTrue();
        assertThat(r.counts()).containsEntry("holdout", 100).containsEntry("correctionRepeats", 1); // its per-model knobs
    }

    @SuppressWarnings("unchecked")
    private double urgentShare(String version, List<String> texts) {
        Path d = store.dir("note-risk", version);
        if (!java.nio.file.Files.isDirectory(d)) d = dir.resolve("models/note-risk/rejected").resolve(version);
        try (ScoringModel<String> m = (ScoringModel<String>) io.vigil.models.text.TextClassifier.load("note-risk", d)) {
            return m.predict(texts).stream().filter(x -> x.label().equals("urgent")).count() / (double) texts.size();
        }
    }
}
