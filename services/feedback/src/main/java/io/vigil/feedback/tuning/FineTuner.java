package io.vigil.feedback.tuning;

import io.vigil.feedback.FeedbackSettings;
import io.vigil.feedback.TrainingExample;
import io.vigil.models.Json;
import io.vigil.models.store.ModelCard;
import io.vigil.models.store.ModelStore;
import io.vigil.models.text.TextClassifier;
import io.vigil.models.train.Fitter;
import io.vigil.models.train.TrainConfig;
import io.vigil.models.train.Training;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fine-tune: from the champion (the store's CURRENT) on the training share of the corrections
 * (repeated correction-repeats times) plus a seeded replay sample of earlier labelled data, leaving out
 * replay examples whose text an analyst corrected; then both models are evaluated and the {@link Gate}
 * decides. The candidate is written with its card either way (promoted or rejected).
 */
public final class FineTuner {

    private static final Logger log = LoggerFactory.getLogger(FineTuner.class);
    private static final int DEV_REPLAY = 300;

    public record Result(String model, String version, String parentVersion, boolean promoted, Gate.Decision decision,
                         Evaluation champion, Evaluation candidate, Map<String, Object> counts, Path location, long millis) {}

    private final ModelRegistry registry;
    private final Map<String, ReplaySource> sources;
    private final FeedbackSettings.FineTune ft;
    private final FeedbackSettings.Gate gateSettings;

    public FineTuner(ModelRegistry registry, Map<String, ReplaySource> sources, FeedbackSettings.FineTune ft,
                     FeedbackSettings.Gate gate) {
        this.registry = registry;
        this.sources = Map.copyOf(sources);
        this.ft = ft;
        this.gateSettings = gate;
    }

    public boolean supports(String model) {
        return sources.containsKey(model);
    }

    /** Whether an example is kept out of training to judge candidates (stable per event). */
    public boolean heldOut(String eventId) {
        int h = java.util.Arrays.hashCode(eventId.getBytes(StandardCharsets.UTF_8)) * 0x9E3779B1;
        return ((h >>> 8) % 10_000) < ft.heldoutCorrectionFraction() * 10_000;
    }

    public Result run(String model, List<TrainingExample> examples, String trigger) {
        long t0 = System.currentTimeMillis();
        ReplaySource src = sources.get(model);
        if (src == null) throw new IllegalArgumentException("no replay data for " + model + ": fine-tuning is not supported for it");
        String parent = registry.current(model).orElseThrow(() -> new IllegalStateException("no champion version of " + model));
        List<String> labels = src.labels();
        List<TrainingExample> usable = examples.stream().filter(e -> labels.contains(e.label())).toList();
        List<TrainingExample> train = usable.stream().filter(e -> !heldOut(e.eventId())).toList();
        List<TrainingExample> held = usable.stream().filter(e -> heldOut(e.eventId())).toList();
        if (train.isEmpty()) throw new IllegalStateException("no corrections to learn from for " + model);

        Set<String> corrected = new HashSet<>();
        usable.forEach(e -> corrected.add(norm(e.text())));
        LabelledSet pool = src.replayPool();
        List<Integer> keep = new ArrayList<>();
        int excluded = 0;
        for (int i = 0; i < pool.size(); i++) {
            if (corrected.contains(norm(pool.texts().get(i)))) excluded++;
            else keep.add(i);
        }
        Collections.shuffle(keep, new Random(Training.SEED));
        List<Integer> sample = keep.subList(0, Math.min(ft.replaySize(), keep.size()));
        LabelledSet replay = LabelledSet.of(sample.stream().map(pool.texts()::get).toList(),
                sample.stream().map(i -> pool.labels()[i]).toList());
        LabelledSet corr = LabelledSet.of(train.stream().map(TrainingExample::text).toList(),
                train.stream().map(e -> labels.indexOf(e.label())).toList());
        LabelledSet trainSet = replay;
        for (int r = 0; r < ft.correctionRepeats(); r++) trainSet = trainSet.concat(corr);
        int devReplay = Math.min(DEV_REPLAY, replay.size());
        LabelledSet dev = corr.concat(new LabelledSet(replay.texts().subList(0, devReplay),
                java.util.Arrays.copyOf(replay.labels(), devReplay)));

        String version = registry.reserveVersion(model);
        Path staging = registry.staging(model, version);
        // class-weighted like the champion's own training: without, the head drifts to the majority class (measured
        // on the MiniLM champion: holdout macro-F1 -4.4 points, rejected by the gate)
        TrainConfig tc = new TrainConfig(ft.epochs(), ft.batchSize(), ft.learningRate(), 0f, ft.epochs(), Training.SEED, true);
        Evaluation champ;
        Evaluation cand;
        Fitter.Result fit;
        LabelledSet holdout = src.holdout();
        try (TextClassifier candidate = registry.store().loadText(model, parent)) {
            log.info("Fine-tuning {} {} -> {}: {} training corrections x{}, {} replay, {} held out",
                    model, parent, version, train.size(), ft.correctionRepeats(), replay.size(), held.size());
            fit = Training.fineTuneText(candidate, trainSet.texts(), trainSet.labels(), dev.texts(), dev.labels(), tc);
            saveCopy(candidate, registry.store().dir(model, parent), staging);
            cand = Evaluation.of(candidate, holdout, held, gateSettings.minGroupSize());
        }
        try (TextClassifier champion = registry.store().loadText(model, parent)) {
            champ = Evaluation.of(champion, holdout, held, gateSettings.minGroupSize());
        }
        Gate.Decision decision = new Gate(gateSettings).decide(champ, cand);

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("corrections", examples.size());
        counts.put("correctionsUsable", usable.size());
        counts.put("trainingCorrections", train.size());
        counts.put("heldOutCorrections", held.size());
        counts.put("correctionRepeats", ft.correctionRepeats());
        counts.put("replay", replay.size());
        counts.put("replayPool", pool.size());
        counts.put("replayExcludedAsCorrected", excluded);
        counts.put("holdout", holdout.size());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("candidate", cand.asMap());
        metrics.put("champion", champ.asMap());
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("decision", decision.promote() ? "promoted" : "rejected");
        gate.put("why", decision.summary());
        gate.put("checks", decision.checks());
        gate.put("rules", gateSettings);
        metrics.put("gate", gate);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("config", tc);
        training.put("bestEpoch", fit.bestEpoch());
        training.put("history", fit.history());
        training.put("millis", fit.millis());
        ModelCard card = new ModelCard(model, version, parent, Instant.now().toString(), Training.SEED, trigger,
                List.of(new ModelCard.DataSource("analyst corrections (feedback.corrections)", "feedback.corrections",
                                "internal", usable.size()),
                        new ModelCard.DataSource("replay sample", src.describe(), "see data/README.md", replay.size())),
                counts, metrics, training,
                "fine-tuned from " + parent + "; " + decision.summary());
        Json.write(staging.resolve(ModelStore.CARD), card);
        Path location = decision.promote() ? registry.promote(model, version) : registry.reject(model, version);
        long ms = System.currentTimeMillis() - t0;
        log.info("Fine-tune {} {}: {} ({} ms)", model, version, decision.summary(), ms);
        return new Result(model, version, parent, decision.promote(), decision, champ, cand, counts, location, ms);
    }

    /**
     * DJL cannot save a block that was loaded rather than initialised (its input names are unknown, so
     * {@code describeInput} fails): the tuned parameters go into a freshly initialised twin, which saves.
     */
    static void saveCopy(TextClassifier tuned, Path parentDir, Path target) {
        try (TextClassifier twin = TextClassifier.create(tuned.name(), tuned.config(), parentDir.resolve("tokenizer.json"))) {
            Fitter.restore(twin.djlModel(), Fitter.snapshot(tuned.djlModel()));
            twin.save(target);
        }
    }

    static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    static int[] range(int n) {
        return IntStream.range(0, n).toArray();
    }
}
