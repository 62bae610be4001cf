package io.vigil.models.drift;

import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.labels.NoteScrubber;
import io.vigil.models.store.ModelStore;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.train.FraudTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a model version's {@link ReferenceProfile} from the data it was trained on (read the way training reads
 * it) and writes it into the version directory. Training calls it for every new version; {@link #main} writes the
 * profiles of the bundled models.
 */
public final class ReferenceProfiles {

    /**
     * The label whose probability is the published score (as inference's {@code risk-label}); a model without one
     * publishes the probability of its predicted label.
     */
    public static final Map<String, String> RISK_LABELS = Map.of("transaction-fraud", "fraud", "note-risk", "urgent");

    private ReferenceProfiles() {}

    /** usage: ReferenceProfiles dataDir storeDir [model ...]: profiles the newest version of each model. */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        ModelStore store = new ModelStore(Path.of(args[1]));
        List<String> models = args.length > 2 ? List.of(args).subList(2, args.length) : store.models();
        io.vigil.models.DjlOffline.ensure();
        for (String m : models) {
            String v = store.versions(m).getLast();
            ReferenceProfile p = build(m, v, data, store);
            p.write(store.dir(m, v));
            System.out.println(m + "/" + v + ": " + p.rows() + " rows, " + p.features().keySet());
        }
    }

    /** The score inference publishes for a prediction. */
    public static double score(String model, Prediction p) {
        String risk = RISK_LABELS.get(model);
        return risk != null && p.labels().contains(risk) ? p.probability(risk) : p.confidence();
    }

    public static ReferenceProfile build(String model, String version, Path dataDir, ModelStore store) throws IOException {
        return build(model, version, store.dir(model, version), dataDir);
    }

    /**
     * Profiles the version in {@code versionDir}, which need not be in a store's version list (the feedback
     * fine-tuner profiles its staged candidate before promoting or rejecting it).
     */
    public static ReferenceProfile build(String model, String version, Path versionDir, Path dataDir) throws IOException {
        return switch (model) {
            case "news-sentiment" -> text(model, version, versionDir, readColumn(dataDir.resolve("sentiment/tfns_train.csv"), false),
                    "data/sentiment/tfns_train.csv");
            case "note-risk" -> text(model, version, versionDir, readColumn(dataDir.resolve("clinical/synthetic_notes_mistral500.csv"), true),
                    "data/clinical/synthetic_notes_mistral500.csv (scrubbed)");
            case "transaction-fraud" -> transactions(model, version, versionDir, dataDir);
            default -> throw new IllegalArgumentException("no reference data known for model " + model);
        };
    }

    /** Whether {@link #build} knows the reference data of a model and finds it under {@code dataDir}. */
    public static boolean hasData(String model, Path dataDir) {
        return switch (model) {
            case "news-sentiment" -> java.nio.file.Files.isRegularFile(dataDir.resolve("sentiment/tfns_train.csv"));
            case "note-risk" -> java.nio.file.Files.isRegularFile(dataDir.resolve("clinical/synthetic_notes_mistral500.csv"));
            case "transaction-fraud" -> java.nio.file.Files.isRegularFile(dataDir.resolve("fraud/paysim_steps001-090.csv"))
                    && java.nio.file.Files.isRegularFile(dataDir.resolve("fraud/sparkov_fraudTest_head5116.csv"));
            default -> false;
        };
    }

    private static List<String> readColumn(Path csvFile, boolean scrub) throws IOException {
        io.vigil.models.train.Csv csv = io.vigil.models.train.Csv.read(csvFile);
        List<String> out = new ArrayList<>(csv.size());
        for (int i = 0; i < csv.size(); i++) out.add(scrub ? NoteScrubber.scrub(csv.get(i, "text")) : csv.get(i, "text"));
        return out;
    }

    @SuppressWarnings("unchecked")
    static ReferenceProfile text(String model, String version, Path dir, List<String> texts, String data) {
        Set<String> vocab = Vocabulary.of(dir).orElseThrow(() -> new IllegalArgumentException("no tokenizer.json in " + dir));
        ReferenceProfile.Builder b = ReferenceProfile.builder(model, version, data);
        try (ScoringModel<String> m = (ScoringModel<String>) ModelStore.loadDir(model, dir)) {
            List<Prediction> preds = inChunks(m, texts);
            for (int i = 0; i < texts.size(); i++) {
                b.row();
                ModelInputs.text(texts.get(i), vocab).forEach(b::numeric);
                b.numeric(ReferenceProfile.SCORE, score(model, preds.get(i)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot profile " + model + "/" + version + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    private static <I> List<Prediction> inChunks(ScoringModel<I> m, List<I> inputs) {
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i += 512) out.addAll(m.predict(inputs.subList(i, Math.min(inputs.size(), i + 512))));
        return out;
    }

    static ReferenceProfile transactions(String model, String version, Path dir, Path dataDir) throws IOException {
        FraudTraining.Dataset ds = FraudTraining.dataset(dataDir);
        ReferenceProfile.Builder b = ReferenceProfile.builder(model, version,
                "data/fraud (PaySim steps 1-48 + Sparkov head), features replayed in event-time order");
        try (TabularModel m = TabularModel.load(model, dir)) {
            // the replay yields the whole spec; the model reads (and is profiled on) its own subset, by name
            List<String> names = m.config().featureNames();
            int[] idx = io.vigil.models.features.TransactionFeaturizer.SPEC.indices(names);
            List<float[]> x = ds.x().stream().map(v -> io.vigil.models.features.FeatureSpec.select(v, idx)).toList();
            List<Prediction> preds = inChunks(m, x);
            for (int i = 0; i < x.size(); i++) {
                Map<String, Double> row = ModelInputs.row(names, x.get(i));
                b.row();
                ModelInputs.tabularNumeric(row).forEach(b::numeric);
                ModelInputs.tabularCategorical(row).forEach(b::categorical);
                b.numeric(ReferenceProfile.SCORE, score(model, preds.get(i)));
            }
        }
        return b.build();
    }
}
