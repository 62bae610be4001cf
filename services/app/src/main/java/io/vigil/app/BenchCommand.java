package io.vigil.app;

import io.vigil.indexer.IndexerBench;
import io.vigil.inference.bench.InferenceBench;
import io.vigil.ingest.bench.IngestBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Benchmarks, each measuring against a baseline taken in the same run on the same embedded servers (these
 * machines are noisy, so ratios are the numbers to compare). Results print as a table and JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: ingest (each topology vs a pass-through), indexer (vs a raw BulkIngester), "
                + "inference (raw predictor by batch size, service end to end vs raw, /v1/score latency), "
                + "e2e (raw topics -> indexed documents in local mode: events/s, p50/p99 latency, resident memory), "
                + "learning (100 corrections -> fine-tune -> promotion -> first event scored by the new version, in local mode).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WHAT", description = "ingest | indexer | inference | e2e | learning")
    String what;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "passed to the bench (indexer, inference: see their READMEs)")
    List<String> args = List.of();

    @Option(names = "--data", defaultValue = "data", description = "the datasets folder, for ingest (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", defaultValue = "bench-results", description = "where ingest, inference and e2e write JSON and the table (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--events", split = ",", defaultValue = "9000,20000,300", description = "ingest: news,transactions,notes counts")
    long[] events;

    @Option(names = "--e2e-events", split = ",", defaultValue = "3000,6000,60",
            description = "e2e: news,transactions,notes counts measured (after a warm-up of 300,600,10)")
    int[] e2e;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String[] rest = args.toArray(String[]::new);
        switch (what) {
            case "ingest" -> System.out.print(IngestBench.table(IngestBench.run(data, out, events[0], events[1], events[2])));
            case "indexer" -> IndexerBench.main(rest);
            case "inference" -> InferenceBench.main(rest, out);
            case "e2e" -> {
                var r = E2eBench.run(data, new E2eBench.Counts(300, 600, 10),
                        new E2eBench.Counts(e2e[0], e2e[1], e2e[2]), java.time.Duration.ofMinutes(15));
                java.nio.file.Files.createDirectories(out);
                java.nio.file.Files.writeString(out.resolve("e2e.json"), E2eBench.json(r));
                java.nio.file.Files.writeString(out.resolve("e2e.md"), E2eBench.table(r));
                System.out.println(E2eBench.json(r));
                System.out.print(E2eBench.table(r));
            }
            case "learning" -> {
                var r = LearningBench.run(data, 100, java.time.Duration.ofMinutes(15));
                java.nio.file.Files.createDirectories(out);
                java.nio.file.Files.writeString(out.resolve("learning.json"), LearningBench.json(r));
                System.out.println(LearningBench.json(r));
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown bench '" + what + "'; known: ingest, indexer, inference, e2e, learning");
        }
        return 0;
    }
}
