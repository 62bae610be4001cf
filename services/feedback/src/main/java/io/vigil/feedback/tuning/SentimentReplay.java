package io.vigil.feedback.tuning;

import io.vigil.models.train.Training;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * news-sentiment's earlier data: data/sentiment/tfns_train.csv. The holdout is the same stratified
 * split (seed 42) the default model used as its dev set, so the champion never trained on it; it is
 * written to {@code <stateDir>/holdout/news-sentiment.tsv} on first use and read from there afterwards
 * (frozen even if the data folder changes). The replay pool is the rest.
 */
public final class SentimentReplay implements ReplaySource {

    public static final String MODEL = "news-sentiment";
    public static final List<String> LABELS = List.of("negative", "neutral", "positive");
    /** tfns: 0 bearish, 1 bullish, 2 neutral. */
    private static final int[] MAP = {0, 2, 1};

    private final Path csv;
    private final Path holdoutFile;
    private final double holdoutFraction;
    private final int holdoutSize;
    private LabelledSet holdout;
    private LabelledSet pool;

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
    public synchronized LabelledSet holdout() {
        load();
        return holdout;
    }

    @Override
    public synchronized LabelledSet replayPool() {
        load();
        return pool;
    }

    @Override
    public String describe() {
        return "Twitter Financial News Sentiment v1.0.0 (MIT), " + csv;
    }

    private void load() {
        if (pool != null) return;
        try {
            LabelledSet all = readCsv();
            if (Files.isRegularFile(holdoutFile)) {
                holdout = readTsv(holdoutFile);
            } else {
                int[][] split = Training.stratifiedSplit(all.labels(), LABELS.size(), holdoutFraction, Training.SEED);
                int[] idx = split[1];
                if (holdoutSize > 0 && holdoutSize < idx.length) {
                    int[][] sub = Training.stratifiedSplit(pick(all, idx).labels(), LABELS.size(),
                            holdoutSize / (double) idx.length, Training.SEED);
                    idx = Arrays.stream(sub[1]).map(i -> split[1][i]).toArray();
                }
                holdout = pick(all, idx);
                writeTsv(holdoutFile, holdout);
            }
            Set<String> held = new HashSet<>(holdout.texts());
            // everything of the dev split stays out of replay, even when the holdout is a subset of it
            int[][] split = Training.stratifiedSplit(all.labels(), LABELS.size(), holdoutFraction, Training.SEED);
            Set<String> dev = new HashSet<>(pick(all, split[1]).texts());
            List<String> t = new ArrayList<>();
            List<Integer> l = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                String x = all.texts().get(i);
                if (!held.contains(x) && !dev.contains(x)) {
                    t.add(x);
                    l.add(all.labels()[i]);
                }
            }
            pool = LabelledSet.of(t, l);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the replay data for " + MODEL, e);
        }
    }

    private LabelledSet readCsv() throws IOException {
        if (!Files.isRegularFile(csv)) return new LabelledSet(List.of(), new int[0]);
        io.vigil.models.train.Csv c = io.vigil.models.train.Csv.read(csv);
        List<String> t = new ArrayList<>();
        int[] y = new int[c.size()];
        for (int i = 0; i < c.size(); i++) {
            t.add(c.get(i, "text"));
            y[i] = MAP[Integer.parseInt(c.get(i, "label").trim())];
        }
        return new LabelledSet(t, y);
    }

    private static LabelledSet pick(LabelledSet s, int[] idx) {
        return new LabelledSet(Arrays.stream(idx).mapToObj(s.texts()::get).toList(),
                Arrays.stream(idx).map(i -> s.labels()[i]).toArray());
    }

    static void writeTsv(Path file, LabelledSet s) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder("label\ttext\n");
        for (int i = 0; i < s.size(); i++) {
            sb.append(LABELS.get(s.labels()[i])).append('\t')
                    .append(s.texts().get(i).replace('\t', ' ').replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static LabelledSet readTsv(Path file) throws IOException {
        List<String> t = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                if (tab < 0) continue;
                l.add(LABELS.indexOf(line.substring(0, tab)));
                t.add(line.substring(tab + 1));
            }
        }
        return LabelledSet.of(t, l);
    }
}
