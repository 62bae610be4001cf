package io.vigil.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VigilCliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Vigil.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out), errWriter = new PrintWriter(err);
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        int exit = cl.execute(args);
        outWriter.flush();
        errWriter.flush();
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("local").contains("config");
        assertThat(run("local", "--help").out()).contains("--duration").contains("--config").contains("--set");
    }

    @Test
    void configCommandShowsOriginsAndMasksSecrets() {
        Run r = run("config", "--set", "kafka.password=topsecret", "--set", "http.port=9999");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("http.port = 9999  (command line)").contains("kafka.password = ****")
                .doesNotContain("topsecret");
    }

    @Test
    void configCommandFlagsUnknownKeys() {
        Run r = run("config", "--set", "kafka.bootstrap-server=x:1");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void scoreTextModelReadsJsonLinesAndReportsBadLines() {
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream(("{\"id\":\"a\",\"text\":\"Shares plunge after fraud probe\"}\n"
                + "{broken\n{\"id\":\"b\",\"text\":\"Company beats estimates, raises guidance\"}\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            Run r = run("score", "--model", "news-sentiment");
            assertThat(r.exit()).isEqualTo(1); // one bad line
            assertThat(r.err()).contains("{\"line\":2,\"error\":\"not valid JSON\"}");
            List<String> lines = r.out().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("{\"id\":\"a\",\"label\":").contains("\"probabilities\":{\"negative\":");
            assertThat(lines.get(1)).startsWith("{\"id\":\"b\",");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void scoreFraudModelNamesCsvRowsByTheirRowNumber() throws Exception {
        Path csv = dir.resolve("paysim.csv");
        List<String> all = java.nio.file.Files.readAllLines(Path.of("../../data/fraud/paysim_steps001-090.csv"));
        java.nio.file.Files.write(csv, all.subList(0, 51));
        Run r = run("score", "--model", "transaction-fraud", "--input", csv.toString(), "--format", "paysim");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(50);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith("{\"id\":" + i + ",\"label\":").contains("\"score\":");
        }
        // the balance before reaches the features: the rows that empty the paying account (frauds 0, 15, 28, 40, 44)
        // are flagged, and most of the others (43 legit) are not
        for (int i : new int[] {0, 15, 28, 40, 44}) assertThat(lines.get(i)).as("row %d", i).contains("\"label\":\"fraud\"");
        assertThat(lines.stream().filter(l -> l.contains("\"label\":\"fraud\"")).count()).isLessThanOrEqualTo(8);
        assertThat(run("score", "--model", "transaction-fraud", "--input", csv.toString(), "--format", "csv").exit()).isEqualTo(2);
    }

    @Test
    void scoreRefusesAFraudModelTrainedOnAnotherFeatureVersion() throws Exception {
        Path csv = dir.resolve("paysim.csv");
        java.nio.file.Files.write(csv, java.nio.file.Files.readAllLines(Path.of("../../data/fraud/paysim_steps001-090.csv")).subList(0, 3));
        io.vigil.models.store.ModelStore store = new io.vigil.models.store.ModelStore(dir.resolve("models"));
        var spec = io.vigil.models.features.TransactionFeaturizer.SPEC;
        int d = spec.size();
        float[] std = new float[d];
        java.util.Arrays.fill(std, 1f);
        try (var m = io.vigil.models.tabular.TabularModel.create("transaction-fraud", new io.vigil.models.tabular.TabularModelConfig(
                io.vigil.models.tabular.TabularModelConfig.TYPE, List.of("legit", "fraud"), "txn-features-v1", spec.names(),
                new float[d], std, new int[] {4}, 0f))) {
            m.save(store.dir("transaction-fraud", "v1"));
        }
        Run r = run("score", "--model", "transaction-fraud", "--models", store.root().toString(), "--input", csv.toString(), "--format", "paysim");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("trained on features txn-features-v1").contains(spec.version());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void replayNeedsAnExternalKafka() {
        Run r = run("replay", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("kafka.bootstrap-servers is not set");
    }

    @Test
    void aServiceRunAloneNeedsAnExternalKafka() {
        Run r = run("alerts", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("kafka.bootstrap-servers is not set");
        Run monitors = run("monitors", "--data-dir", dir.toString());
        assertThat(monitors.exit()).isEqualTo(1);
        assertThat(monitors.err()).contains("kafka.bootstrap-servers is not set");
    }

    @Test
    void localModeStartsBootstrapsServesHealthAndStopsByItself() {
        Run r = run("local", "--data-dir", dir.toString(), "--set", "http.port=0", "--duration", "3", "--status-interval", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("vigil local: ready").contains("(embedded)")
                .containsPattern("status: (UP|DOWN) \\| in \\d+/s scored \\d+/s indexed \\d+/s")
                .contains("vigil local: stopped");
        // second start on the same data directory: topics already there, nothing to create
        Run again = run("local", "--data-dir", dir.toString(), "--set", "http.port=0", "--duration", "1");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("topics created=0 updated=0");
        assertThat(again.out()).containsPattern("indices .*unchanged");
    }
}
