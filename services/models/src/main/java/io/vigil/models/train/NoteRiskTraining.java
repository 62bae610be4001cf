package io.vigil.models.train;

import io.vigil.models.labels.NoteRiskRules;
import io.vigil.models.labels.NoteScrubber;
import io.vigil.models.metrics.Metrics;
import io.vigil.models.store.ModelCard;
import io.vigil.models.store.ModelStore;
import io.vigil.models.text.TextModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * note-risk: synthetic clinical notes, scrubbed by {@link NoteScrubber}, weakly labelled by
 * {@link NoteRiskRules}; n-gram text classifier (mean + max pooled) over up to 1024 tokens; 20% stratified dev split.
 * The reported metric is agreement with the rules on dev (there is no human gold label yet).
 */
public final class NoteRiskTraining {

    public static final String NAME = "note-risk";

    private NoteRiskTraining() {}

    public static TrainConfig defaultTrainConfig() {
        return new TrainConfig(40, 16, 5e-3f, 0f, 6, Training.SEED, true);
    }

    public static TextModelConfig defaultModelConfig() {
        return new TextModelConfig(TextModelConfig.TYPE, "ngram", NoteRiskRules.LABELS, 1024, 0, 32, 2, 64, 0,
                0.2f, 32768, 32, 2, false, true);
    }

    public static Map<String, Object> train(Path dataDir, ModelStore store) throws IOException {
        Csv csv = Csv.read(dataDir.resolve("clinical/synthetic_notes_mistral500.csv"));
        List<String> texts = new ArrayList<>();
        int[] y = new int[csv.size()];
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (int i = 0; i < csv.size(); i++) {
            String note = NoteScrubber.scrub(csv.get(i, "text"));
            texts.add(note);
            NoteRiskRules.Verdict v = NoteRiskRules.label(note);
            y[i] = v.label();
            reasons.merge(v.labelName() + ": " + v.reason().replaceAll("[0-9.]+.*$", "").trim(), 1, Integer::sum);
        }
        int[][] split = Training.stratifiedSplit(y, 3, 0.2, Training.SEED);
        List<String> trX = Training.pick(texts, split[0]);
        int[] trY = Training.pick(y, split[0]);
        List<String> devX = Training.pick(texts, split[1]);
        int[] devY = Training.pick(y, split[1]);
        TrainConfig tc = defaultTrainConfig();
        Path dir = Training.newVersionDir(store, NAME);
        Training.TextFit fit = Training.fitText(NAME, defaultModelConfig(), dir, trX, trY, devX, devY, tc, 6000);
        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> dev = Metrics.report(NoteRiskRules.LABELS, devY, Training.probs(fit.model(), devX));
        metrics.put("devAgreementWithRules", dev);
        fit.model().save(dir);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("train", trX.size());
        counts.put("dev", devX.size());
        int[] per = new int[3];
        for (int l : y) {
            per[l]++;
        }
        counts.put("weakLabels", Map.of("routine", per[0], "elevated", per[1], "urgent", per[2]));
        counts.put("rulesFired", reasons);
        store.writeCard(Training.card(NAME, dir.getFileName().toString(), null, "default-training",
                List.of(new ModelCard.DataSource("Synthetic clinical notes (LLM-written), 20 specialties x 25",
                        "data/clinical/synthetic_notes_mistral500.csv", "MIT", texts.size())),
                counts, metrics, Training.trainingInfo(tc, fit.result()),
                "weak labels from io.vigil.models.labels.NoteRiskRules (no human labels); dev metric = agreement "
                        + "with the rules on a 20% stratified split; text scrubbed with NoteScrubber"));
        fit.model().close();
        Training.log().info("note-risk -> {} dev {}", dir, metrics);
        return metrics;
    }
}
