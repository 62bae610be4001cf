package io.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.ingest.source.Csv;
import io.vigil.ingest.source.TransactionRows;
import io.vigil.models.DjlOffline;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.features.FeatureReplay;
import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import io.vigil.topics.events.Transaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Scores offline with the same models and feature code as the stream: text models read JSON lines
 * {@code {"id","text"}} on stdin; transaction-fraud reads a PaySim or Sparkov CSV, computes each row's
 * features in event-time order, and names each row by its 0-based row number.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score JSON lines {\"id\",\"text\"} from stdin with a text model, or a PaySim/Sparkov CSV with "
                + "transaction-fraud (--input FILE --format paysim|sparkov); writes JSON lines {\"id\",\"label\",\"probabilities\"|\"score\"}.")
final class ScoreCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, description = "news-sentiment | transaction-fraud | note-risk (or any model in --models)")
    String model;

    @Option(names = "--input", paramLabel = "FILE", description = "transaction-fraud: the CSV to score")
    Path input;

    @Option(names = "--format", description = "transaction-fraud: paysim | sparkov")
    String format;

    @Option(names = "--models", paramLabel = "DIR", description = "a model store (default: the bundled default models)")
    Path models;

    @Option(names = "--batch-size", defaultValue = "256", description = "inputs per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DjlOffline.ensure();
        ModelStore store = models != null ? new ModelStore(models) : bundled();
        String version = store.current(model).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "no model '" + model + "' in " + store.root() + "; have " + store.models()));
        PrintWriter out = spec.commandLine().getOut();
        try (ScoringModel<?> loaded = store.load(model, version)) {
            if (input != null) {
                @SuppressWarnings("unchecked")
                ScoringModel<float[]> tabular = (ScoringModel<float[]>) loaded;
                scoreTransactions(tabular, out);
            } else {
                @SuppressWarnings("unchecked")
                ScoringModel<String> text = (ScoringModel<String>) loaded;
                return scoreText(text, out);
            }
        } catch (ClassCastException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), input != null
                    ? "model '" + model + "' is not a tabular model: give text on stdin instead of --input"
                    : "model '" + model + "' is not a text model: give --input FILE --format paysim|sparkov");
        }
        out.flush();
        return 0;
    }

    private static ModelStore bundled() throws Exception {
        Path dir = Files.createTempDirectory("vigil-score-models");
        ModelStore store = new ModelStore(dir);
        BundledModels.install(store);
        return store;
    }

    private int scoreText(ScoringModel<String> m, PrintWriter out) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String> ids = new ArrayList<>(), texts = new ArrayList<>();
        int lineNo = 0, errors = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) continue;
            try {
                JsonNode n = JSON.readTree(line);
                if (!n.hasNonNull("id") || !n.path("text").isTextual()) throw new IllegalArgumentException("needs \"id\" and a string \"text\"");
                ids.add(n.get("id").asText());
                texts.add(n.get("text").asText());
            } catch (Exception e) {
                errors++;
                spec.commandLine().getErr().println("{\"line\":" + lineNo + ",\"error\":\"" + (e instanceof IllegalArgumentException
                        ? e.getMessage().replace("\"", "'") : "not valid JSON") + "\"}");
                continue;
            }
            if (texts.size() >= batchSize) flushText(m, ids, texts, out);
        }
        flushText(m, ids, texts, out);
        spec.commandLine().getErr().flush();
        return errors == 0 ? 0 : 1;
    }

    private static void flushText(ScoringModel<String> m, List<String> ids, List<String> texts, PrintWriter out) throws Exception {
        if (texts.isEmpty()) return;
        List<Prediction> ps = m.predict(texts);
        for (int i = 0; i < ps.size(); i++) {
            ObjectNode o = JSON.createObjectNode().put("id", ids.get(i)).put("label", ps.get(i).label());
            ObjectNode probs = o.putObject("probabilities");
            for (int k = 0; k < ps.get(i).labels().size(); k++) probs.put(ps.get(i).labels().get(k), ps.get(i).probabilities()[k]);
            out.println(JSON.writeValueAsString(o));
        }
        ids.clear();
        texts.clear();
    }

    private void scoreTransactions(ScoringModel<float[]> m, PrintWriter out) throws Exception {
        if (!"paysim".equals(format) && !"sparkov".equals(format)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be paysim or sparkov");
        }
        // the features below are this build's; a model trained on another feature code version must not score them
        if (m instanceof io.vigil.models.tabular.TabularModel t
                && !TransactionFeaturizer.SPEC.version().equals(t.config().featureSpecVersion())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "model '" + model + "' " + t.version()
                    + " was trained on features " + t.config().featureSpecVersion() + "; this build computes "
                    + TransactionFeaturizer.SPEC.version() + ": retrain it (vigil train transaction-fraud)");
        }
        record Row(long id, Transaction t) {
        }
        List<Row> rows = new ArrayList<>();
        try (Csv csv = new Csv(input)) {
            long row = 0;
            for (Map<String, String> r = csv.next(); r != null; r = csv.next(), row++) {
                String file = input.getFileName().toString();
                rows.add(new Row(row, "paysim".equals(format) ? TransactionRows.paysim(r, file, row, Duration.ZERO)
                        : TransactionRows.sparkov(r, file, row, Duration.ZERO)));
            }
        }
        // Features need each account's history as the stream sees it: replay in event-time order (stable).
        List<Row> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing((Row r) -> r.t().eventTime()));
        FeatureReplay replay = new FeatureReplay();
        float[][] features = new float[rows.size()][];
        // a model may read a subset of the spec: lay each vector out by the model's names, as the stream does
        int[] names = m instanceof io.vigil.models.tabular.TabularModel t
                ? TransactionFeaturizer.SPEC.indices(t.config().featureNames()) : null;
        for (Row r : ordered) {
            float[] full = replay.next(TransactionRows.toTxn(r.t()));
            features[(int) r.id()] = names == null ? full : io.vigil.models.features.FeatureSpec.select(full, names);
        }
        String risk = m.labels().contains("fraud") ? "fraud" : m.labels().get(m.labels().size() - 1);
        for (int start = 0; start < rows.size(); start += batchSize) {
            List<float[]> batch = new ArrayList<>();
            for (int i = start; i < Math.min(rows.size(), start + batchSize); i++) batch.add(features[i]);
            List<Prediction> ps = m.predict(batch);
            for (int i = 0; i < ps.size(); i++) {
                ObjectNode o = JSON.createObjectNode().put("id", start + i).put("label", ps.get(i).label())
                        .put("score", ps.get(i).probability(risk));
                out.println(JSON.writeValueAsString(o));
            }
        }
    }
}
