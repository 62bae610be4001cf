package io.vigil.feedback.tuning;

import io.vigil.feedback.FeedbackSettings;
import io.vigil.feedback.TrainingExample;
import io.vigil.models.Json;
import io.vigil.models.ScoringModel;
import io.vigil.models.drift.ReferenceProfile;
import io.vigil.models.drift.ReferenceProfiles;
import io.vigil.models.store.ModelCard;
import io.vigil.models.store.ModelStore;
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
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fine-tune: from the champion (the store's CURRENT) on the training share of the corrections
 * (repeated correction-repeats times) plus a seeded replay sample of earlier labelled data, leaving out
 * replay examples whose input an analyst corrected; then both models are evaluated and the {@link Gate}
 * (with the model's own overrides) decides. The candidate is written with its card either way (promoted or
 * rejected). Works for any model with a {@link ReplaySource} whose champion type the models module can train
 * (text classifiers and tabular models today, see {@link Tunable}).
 */
public final class FineTuner {

    private static final Logger log = LoggerFactory.getLogger(FineTuner.class);
    private static final int DEV_REPLAY = 300;

    public record Result(String model, String version, String parentVersion, boolean promoted, Gate.Decision decision,
                         Evaluation champion, Evaluation candidate, Map<String, Object> counts, Path location, long millis) {}

    private final ModelRegistry registry;
    private final Map<String, ReplaySource<?>> sources;
    private final FeedbackSettings.FineTune ft;
    private final FeedbackSettings.Gate gateSettings;
    private final Path dataDir;
    private final io.vigil.feedback.MonitorReadings readings;

    public FineTuner(ModelRegistry registry, Map<String, ReplaySource<?>> sources, FeedbackSettings.FineTune ft,
                     FeedbackSettings.Gate gate) {
        this(registry, sources, ft, gate, null, null);
    }

    /**
     * @param dataDir the training data folder (the models module's layout), where each candidate's reference
     *                profile is built from; null or lacking the model's data: the parent's profile is copied
     * @param readings the monitors' latest drift and fairness windows, recorded in each card; null: not recorded
     */
    public FineTuner(ModelRegistry registry, Map<String, ReplaySource<?>> sources, FeedbackSettings.FineTune ft,
                     FeedbackSettings.Gate gate, Path dataDir, io.vigil.feedback.MonitorReadings readings) {
        this.dataDir = dataDir;
        this.readings = readings;
        this.registry = registry;
        this.sources = Map.copyOf(sources);
        this.ft = ft;
        this.gateSettings = gate;
    }

    public boolean supports(String model) {
        return refusal(model).isEmpty();
    }

    /** Why a model cannot be fine-tuned now, or empty when it can. */
    public Optional<String> refusal(String model) {
        if (!sources.containsKey(model)) return Optional.of("no replay data for " + model);
        Optional<String> current = registry.current(model);
        if (current.isEmpty()) return Optional.of("no champion version of " + model);
        String type = registry.store().type(model, current.get());
        if (!Tunable.trainableType(type)) return Optional.of(model + " " + current.get() + " is of type '" + type
                + "', which the models module cannot fine-tune");
        return Optional.empty();
    }

    /** Whether an example is kept out of training to judge candidates (stable per event). */
    public boolean heldOut(String eventId) {
        int h = java.util.Arrays.hashCode(eventId.getBytes(StandardCharsets.UTF_8)) * 0x9E3779B1;
        return ((h >>> 8) % 10_000) < ft.heldoutCorrectionFraction() * 10_000;
    }

    public Result run(String model, List<TrainingExample> examples, String trigger) {
        ReplaySource<?> src = sources.get(model);
        if (src == null) throw new IllegalArgumentException("no replay data for " + model + ": fine-tuning is not supported for it");
        return runWith(src, examples, trigger);
    }

    @SuppressWarnings("unchecked")
    private <I> Result runWith(ReplaySource<I> src, List<TrainingExample> examples, String trigger) {
        long t0 = System.currentTimeMillis();
        String model = src.model();
        String parent = registry.current(model).orElseThrow(() -> new IllegalStateException("no champion version of " + model));
        FeedbackSettings.Gate rules = gateSettings.forModel(model);
        FeedbackSettings.FineTune ft = this.ft.forModel(model);
        List<String> labels = src.labels();
        List<TrainingExample> usable = new ArrayList<>();
        List<I> usableInputs = new ArrayList<>();
        for (TrainingExample e : examples) {
            I in = labels.contains(e.label()) ? src.input(e) : null;
            if (in == null) continue;
            usable.add(e);
            usableInputs.add(in);
        }
        List<TrainingExample> held = new ArrayList<>();
        List<I> heldInputs = new ArrayList<>();
        List<I> trainInputs = new ArrayList<>();
        List<Integer> trainLabels = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            if (heldOut(usable.get(i).eventId())) {
                held.add(usable.get(i));
                heldInputs.add(usableInputs.get(i));
            } else {
                trainInputs.add(usableInputs.get(i));
                trainLabels.add(labels.indexOf(usable.get(i).label()));
            }
        }
        if (trainInputs.isEmpty()) throw new IllegalStateException("no corrections to learn from for " + model);

        Set<String> corrected = new HashSet<>();
        usableInputs.forEach(in -> corrected.add(src.key(in)));
        LabelledSet<I> pool = src.replayPool();
        List<Integer> keep = new ArrayList<>();
        int excluded = 0;
        for (int i = 0; i < pool.size(); i++) {
            if (corrected.contains(src.key(pool.inputs().get(i)))) excluded++;
            else keep.add(i);
        }
        Collections.shuffle(keep, new Random(Training.SEED));
        LabelledSet<I> replay = pool.pick(keep.subList(0, Math.min(ft.replaySize(), keep.size())).stream().mapToInt(Integer::intValue).toArray());
        LabelledSet<I> corr = LabelledSet.of(trainInputs, trainLabels);
        LabelledSet<I> trainSet = replay;
        for (int r = 0; r < ft.correctionRepeats(); r++) trainSet = trainSet.concat(corr);
        LabelledSet<I> dev = corr.concat(replay.head(DEV_REPLAY));

        String version = registry.reserveVersion(model);
        Path staging = registry.staging(model, version);
        TrainConfig tc = new TrainConfig(ft.epochs(), ft.batchSize(), ft.learningRate(), 0f, ft.epochs(), Training.SEED, ft.classWeights());
        Evaluation champ;
        Evaluation cand;
        Fitter.Result fit;
        LabelledSet<I> holdout = src.holdout();
        try (ScoringModel<I> candidate = (ScoringModel<I>) registry.store().load(model, parent)) {
            String why = Tunable.refusal(candidate);
            if (why != null) throw new IllegalStateException(why);
            log.info("Fine-tuning {} {} -> {}: {} training corrections x{}, {} replay, {} held out",
                    model, parent, version, trainInputs.size(), ft.correctionRepeats(), replay.size(), held.size());
            fit = Tunable.fineTune(candidate, trainSet, dev, src.positiveLabel(), tc);
            Tunable.save(candidate, registry.store().dir(model, parent), staging);
            cand = Evaluation.of(candidate, holdout, heldInputs, held, rules.minGroupSize(), src.positiveLabel());
        }
        try (ScoringModel<I> champion = (ScoringModel<I>) registry.store().load(model, parent)) {
            champ = Evaluation.of(champion, holdout, heldInputs, held, rules.minGroupSize(), src.positiveLabel());
        }
        Gate.Decision decision = new Gate(rules).decide(champ, cand);
        Map<String, Object> profile = writeProfile(model, version, parent, staging);

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("corrections", examples.size());
        counts.put("correctionsUsable", usable.size());
        counts.put("trainingCorrections", trainInputs.size());
        counts.put("heldOutCorrections", held.size());
        counts.put("correctionRepeats", ft.correctionRepeats());
        counts.put("replay", replay.size());
        counts.put("replayPool", pool.size());
        counts.put("replayExcludedAsCorrected", excluded);
        counts.put("holdout", holdout.size());
        counts.put("referenceProfileRows", profile.get("rows"));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("candidate", cand.asMap());
        metrics.put("champion", champ.asMap());
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("decision", decision.promote() ? "promoted" : "rejected");
        gate.put("why", decision.summary());
        gate.put("checks", decision.checks());
        gate.put("rules", rules);
        metrics.put("gate", gate);
        metrics.put("referenceProfile", profile);
        // the champion's standing in the stream when it was judged: what this candidate replaces (or does not)
        if (readings != null) metrics.put("monitors", readings.snapshot(model, parent));
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
                "fine-tuned from " + parent + "; " + decision.summary()
                        + ("copied-from-parent".equals(profile.get("source")) ? "; drift reference profile copied from "
                        + parent + " (" + profile.get("why") + ")" : ""));
        Json.write(staging.resolve(ModelStore.CARD), card);
        Path location = decision.promote() ? registry.promote(model, version) : registry.reject(model, version);
        long ms = System.currentTimeMillis() - t0;
        log.info("Fine-tune {} {}: {} ({} ms)", model, version, decision.summary(), ms);
        return new Result(model, version, parent, decision.promote(), decision, champ, cand, counts, location, ms);
    }

    /**
     * Writes the candidate's reference-profile.json for the drift monitor: built from the training data (the
     * candidate's own score distribution on the data its parent was profiled on), or, where that data is not here,
     * the parent's profile copied under the new version, said so in the card. Returns what the card records.
     */
    Map<String, Object> writeProfile(String model, String version, String parent, Path staging) {
        Map<String, Object> out = new LinkedHashMap<>();
        String why;
        if (dataDir != null && ReferenceProfiles.hasData(model, dataDir)) {
            try {
                long t0 = System.currentTimeMillis();
                ReferenceProfile p = ReferenceProfiles.build(model, version, staging, dataDir);
                p.write(staging);
                out.put("source", "built");
                out.put("rows", p.rows());
                out.put("data", p.data());
                out.put("millis", System.currentTimeMillis() - t0);
                return out;
            } catch (Exception e) {
                why = "building it failed: " + e.getMessage();
                log.warn("Reference profile of {} {} not built, copying {}'s: {}", model, version, parent, e.toString());
            }
        } else {
            why = "training data for " + model + " not found under " + (dataDir == null ? "(no data dir)" : dataDir);
        }
        Optional<ReferenceProfile> parentProfile = ReferenceProfile.read(registry.store().dir(model, parent));
        if (parentProfile.isPresent()) {
            ReferenceProfile pp = parentProfile.get();
            new ReferenceProfile(model, version, Instant.now().toString(), pp.rows(),
                    "copied from " + parent + " (" + why + "): " + pp.data(), pp.features()).write(staging);
            out.put("source", "copied-from-parent");
            out.put("rows", pp.rows());
            out.put("data", pp.data());
        } else {
            out.put("source", "none");
            out.put("rows", 0);
            why = why + "; " + parent + " has no profile either (the drift monitor falls back to an earlier version's)";
        }
        out.put("why", why);
        return out;
    }
}
