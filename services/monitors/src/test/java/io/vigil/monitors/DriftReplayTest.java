package io.vigil.monitors;

import io.vigil.models.DjlOffline;
import io.vigil.models.Prediction;
import io.vigil.models.drift.ModelInputs;
import io.vigil.models.drift.ReferenceProfile;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.train.FraudTraining;
import io.vigil.monitors.drift.DriftReport;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.DriftMetric;
import io.vigil.topics.events.ScoredTransaction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.vigil.monitors.Events.min;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift on a replay of the bundled fraud data, featurised by the stream's own feature code and scored by the
 * bundled transaction-fraud v2 model, against the reference profile shipped with that version. The unshifted replay
 * is a random sample of the training rows; the shifted one replays the same data with every amount multiplied by 8
 * (a currency or unit change upstream).
 */
class DriftReplayTest {

    static final int SAMPLE = 1500;
    static final String VERSION = "v2"; // the bundled transaction-fraud version
    static List<ScoredTransaction> unshifted;
    static List<ScoredTransaction> shifted;

    @TempDir
    Path dir;

    @BeforeAll
    static void replay(@TempDir Path store) throws IOException {
        DjlOffline.ensure();
        Path data = dataDir();
        ModelStore models = new ModelStore(store);
        BundledModels.install(models);
        FraudTraining.Dataset reference = FraudTraining.dataset(data);
        int[] sample = new Random(7).ints(0, reference.x().size()).distinct().limit(SAMPLE).toArray();
        try (TabularModel model = models.loadTabular("transaction-fraud", VERSION)) {
            unshifted = events("u", reference, sample, model);
            shifted = events("s", shiftedDataset(data, 8.0), sample, model);
        }
    }

    static Path dataDir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("data/fraud"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the repository's data/ folder");
        return p.resolve("data");
    }

    /** The training replay (PaySim steps 1-48, then Sparkov) with every amount times k. */
    static FraudTraining.Dataset shiftedDataset(Path data, double k) throws IOException {
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<Boolean> dev = new ArrayList<>();
        List<String> src = new ArrayList<>();
        Function<FraudTraining.Labelled, FraudTraining.Labelled> times = r -> new FraudTraining.Labelled(
                new io.vigil.models.features.Txn(r.txn().accountId(), r.txn().counterpartyId(), r.txn().amount() * k,
                        r.txn().type(), r.txn().category(), r.txn().eventTimeMillis(),
                        r.txn().balanceBefore() == null ? null : r.txn().balanceBefore() * k), r.label(), r.source());
        FraudTraining.replay(FraudTraining.readPaySim(data.resolve("fraud/paysim_steps001-090.csv")).stream()
                .filter(r -> r.txn().eventTimeMillis() <= 48 * io.vigil.models.features.TransactionFeaturizer.HOUR_MS)
                .map(times).toList(), x, y, dev, src);
        FraudTraining.replay(FraudTraining.readSparkov(data.resolve("fraud/sparkov_fraudTest_head5116.csv")).stream()
                .map(times).toList(), x, y, dev, src);
        return new FraudTraining.Dataset(x, y.stream().mapToInt(i -> i).toArray(), null, src.toArray(String[]::new));
    }

    static List<ScoredTransaction> events(String prefix, FraudTraining.Dataset ds, int[] sample, TabularModel model) {
        List<String> names = model.config().featureNames();
        // the replay yields the whole spec; the model reads its own subset, by name
        int[] idx = io.vigil.models.features.TransactionFeaturizer.SPEC.indices(names);
        List<float[]> rows = IntStream.of(sample).mapToObj(i -> io.vigil.models.features.FeatureSpec.select(ds.x().get(i), idx)).toList();
        List<Prediction> p = model.predict(rows);
        List<ScoredTransaction> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Double> f = ModelInputs.row(names, rows.get(i));
            double fraud = p.get(i).probability("fraud");
            out.add(Events.txn(prefix + i, min(i * 0.03), "CARD", Map.of(), f,
                    Events.score("transaction-fraud", VERSION, fraud >= 0.5 ? "fraud" : "legit", fraud)));
        }
        return out;
    }

    private Map<String, DriftMetric> run(Harness h, List<ScoredTransaction> replay) {
        replay.forEach(e -> h.pipe(Topics.TRANSACTIONS_SCORED, "a", e));
        ScoredTransaction last = replay.getLast();
        // one more event after the window's end + grace closes it
        h.pipe(Topics.TRANSACTIONS_SCORED, "a", Events.txn("close", min(70), "CARD", Map.of(),
                last.transaction().features(), last.score()));
        return h.read(Topics.MONITORS_DRIFT).stream().collect(Collectors.toMap(DriftMetric::feature, Function.identity()));
    }

    @Test
    void anUnshiftedReplayStaysWithinTheBounds() {
        try (Harness h = new Harness(Harness.only("drift", Map.of()), dir)) {
            Map<String, DriftMetric> m = run(h, unshifted);
            assertThat(m).containsKeys("log_amount", "hour_of_day", "type", "category", ReferenceProfile.SCORE);
            assertThat(m.values()).allSatisfy(d -> {
                assertThat(d.count()).isEqualTo(SAMPLE);
                assertThat(d.modelVersion()).isEqualTo(VERSION);
                assertThat(d.psi()).as(d.feature()).isLessThan(0.05);
                assertThat(d.breached()).isFalse();
            });
            assertThat(m.get("type").jensenShannon()).isNotNull().isLessThan(0.01);
            assertThat(h.read(Topics.ALERTS)).isEmpty();
            System.out.printf("unshifted replay: max PSI %.4f (%s)%n", m.values().stream().mapToDouble(DriftMetric::psi).max().orElseThrow(),
                    m.values().stream().max(Comparator.comparingDouble(DriftMetric::psi)).orElseThrow().feature());
        }
    }

    @Test
    void aPlantedShiftRaisesPsiPastTheBoundAndAlerts() {
        try (Harness h = new Harness(Harness.only("drift", Map.of()), dir)) {
            Map<String, DriftMetric> m = run(h, shifted);
            DriftMetric amount = m.get("log_amount");
            assertThat(amount.psi()).isGreaterThan(0.25);
            assertThat(amount.breached()).isTrue();
            assertThat(m.get("hour_of_day").breached()).as("the shift leaves the time of day alone").isFalse();
            List<Alert> alerts = h.read(Topics.ALERTS);
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo(DriftReport.RULE);
                assertThat(a.key()).isEqualTo("transaction-fraud|" + VERSION);
                assertThat(a.threshold()).isEqualTo(0.25);
                assertThat(a.eventIds()).contains(amount.id());
                assertThat(a.description()).contains("log_amount PSI");
            });
            System.out.printf("shifted replay (amounts x8): log_amount PSI %.3f, score PSI %.3f, breached %s%n", amount.psi(),
                    m.get(ReferenceProfile.SCORE).psi(), m.values().stream().filter(DriftMetric::breached).map(DriftMetric::feature).toList());
        }
    }
}
