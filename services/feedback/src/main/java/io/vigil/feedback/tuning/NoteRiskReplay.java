package io.vigil.feedback.tuning;

import io.vigil.feedback.TrainingExample;
import io.vigil.models.labels.NoteRiskRules;
import io.vigil.models.labels.NoteScrubber;
import io.vigil.models.train.Csv;
import io.vigil.models.train.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * note-risk's earlier data: the synthetic notes (data/clinical/synthetic_notes_mistral500.csv), scrubbed by
 * {@link NoteScrubber} and weakly labelled by {@link NoteRiskRules}, exactly as the default model was trained.
 * Holdout: the same 20% stratified split (seed 42) that was the default model's dev set, frozen in
 * {@code <stateDir>/holdout/note-risk.tsv}; replay pool: the other 80%. The holdout measures agreement with
 * the rules (no human gold labels exist), so the gate reads it as "does not forget the rules".
 */
public final class NoteRiskReplay implements ReplaySource<String> {

    public static final String MODEL = "note-risk";
    private static final double DEV_FRACTION = 0.2;
    private static final String HEADER = "label\ttext (NoteScrubber, NoteRiskRules weak labels)";

    private final Path csv;
    private final Path holdoutFile;
    private LabelledSet<String> holdout;
    private LabelledSet<String> pool;

    public NoteRiskReplay(Path dataDir, Path stateDir) {
        this.csv = dataDir.resolve("clinical/synthetic_notes_mistral500.csv");
        this.holdoutFile = stateDir.resolve("holdout").resolve(MODEL + ".tsv");
    }

    public boolean available() {
        return Files.isRegularFile(csv);
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public List<String> labels() {
        return NoteRiskRules.LABELS;
    }

    @Override
    public synchronized LabelledSet<String> holdout() {
        load();
        return holdout;
    }

    @Override
    public synchronized LabelledSet<String> replayPool() {
        load();
        return pool;
    }

    @Override
    public String describe() {
        return "Synthetic clinical notes (MIT), weak labels from NoteRiskRules, " + csv;
    }

    @Override
    public String input(TrainingExample e) {
        return e.text() == null || e.text().isBlank() ? null : e.text();
    }

    @Override
    public String key(String text) {
        return SentimentReplay.norm(text);
    }

    private void load() {
        if (pool != null) return;
        LabelledSet<String> all;
        try {
            Csv c = Csv.read(csv);
            List<String> t = new ArrayList<>();
            int[] y = new int[c.size()];
            for (int i = 0; i < c.size(); i++) {
                String note = NoteScrubber.scrub(c.get(i, "text"));
                t.add(note);
                y[i] = NoteRiskRules.label(note).label();
            }
            all = new LabelledSet<>(t, y);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the replay data for " + MODEL, e);
        }
        int[][] split = Training.stratifiedSplit(all.labels(), labels().size(), DEV_FRACTION, Training.SEED);
        holdout = FrozenHoldout.load(holdoutFile, HEADER, labels(), t -> t, t -> t, () -> all.pick(split[1]));
        Set<String> held = new HashSet<>(holdout.inputs());
        pool = all.pick(split[0]).filter(t -> !held.contains(t));
    }
}
