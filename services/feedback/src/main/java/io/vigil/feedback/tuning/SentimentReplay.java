package io.vigil.feedback.tuning;

import io.vigil.feedback.TrainingExample;
import io.vigil.models.train.Csv;
import io.vigil.models.train.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * news-sentiment's earlier data: data/sentiment/tfns_train.csv. The holdout is the same stratified
 * split (seed 42) the default model used as its dev set, so the champion never trained on it; it is
 * written to {@code <stateDir>/holdout/news-sentiment.tsv} on first use and read from there afterwards
 * (frozen even if the data folder changes). The replay pool is the rest.
 */
public final class SentimentReplay implements ReplaySource<String> {

    public static final String MODEL = "news-sentiment";
    public static final List<String> LABELS = List.of("negative", "neutral", "positive");
    /** tfns: 0 bearish, 1 bullish, 2 neutral. */
    private static final int[] MAP = {0, 2, 1};
    private static final String HEADER = "label\ttext";

    private final Path csv;
    private final Path holdoutFile;
    private final double holdoutFraction;
    private final int holdoutSize;
    private LabelledSet<String> holdout;
    private LabelledSet<String> pool;

    public SentimentReplay(Path dataDir, Path stateDir, double holdoutFraction, int holdoutSize) {
        this.csv = dataDir.resolve("sentiment/tfns_train.csv");
        this.holdoutFile = stateDir.resolve("holdout").resolve(MODEL + ".tsv");
        this.holdoutFraction = holdoutFraction;
        this.holdoutSize = holdoutSize;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }

    public boolean available() {
        return Files.isRegularFile(csv) || Files.isRegularFile(holdoutFile);
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
        return "Twitter Financial News Sentiment v1.0.0 (MIT), " + csv;
    }

    @Override
    public String input(TrainingExample e) {
        return e.text() == null || e.text().isBlank() ? null : e.text();
    }

    @Override
    public String key(String text) {
        return norm(text);
    }

    static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private void load() {
        if (pool != null) return;
        LabelledSet<String> all = readCsv();
        int[][] split = Training.stratifiedSplit(all.labels(), LABELS.size(), holdoutFraction, Training.SEED);
        holdout = FrozenHoldout.load(holdoutFile, HEADER, LABELS, t -> t, t -> t, () -> {
            int[] idx = split[1];
            if (holdoutSize > 0 && holdoutSize < idx.length) {
                int[][] sub = Training.stratifiedSplit(all.pick(idx).labels(), LABELS.size(),
                        holdoutSize / (double) idx.length, Training.SEED);
                idx = Arrays.stream(sub[1]).map(i -> split[1][i]).toArray();
            }
            return all.pick(idx);
        });
        // everything of the dev split stays out of replay, even when the holdout is a subset of it
        Set<String> held = new HashSet<>(holdout.inputs());
        held.addAll(all.pick(split[1]).inputs());
        pool = all.filter(t -> !held.contains(t));
    }

    private LabelledSet<String> readCsv() {
        if (!Files.isRegularFile(csv)) return new LabelledSet<>(List.of(), new int[0]);
        try {
            Csv c = Csv.read(csv);
            List<String> t = new ArrayList<>();
            int[] y = new int[c.size()];
            for (int i = 0; i < c.size(); i++) {
                t.add(c.get(i, "text"));
                y[i] = MAP[Integer.parseInt(c.get(i, "label").trim())];
            }
            return new LabelledSet<>(t, y);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the replay data for " + MODEL, e);
        }
    }
}
