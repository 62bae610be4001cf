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
                + "inference (raw predictor by batch size, service end to end vs raw, /v1/score latency).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WHAT", description = "ingest | indexer | inference")
    String what;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "passed to the bench (indexer, inference: see their READMEs)")
    List<String> args = List.of();

    @Option(names = "--data", defaultValue = "data", description = "the datasets folder, for ingest (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", defaultValue = "bench-results", description = "where ingest writes JSON and the table (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--events", split = ",", defaultValue = "9000,20000,300", description = "ingest: news,transactions,notes counts")
    long[] events;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String[] rest = args.toArray(String[]::new);
        switch (what) {
            case "ingest" -> System.out.print(IngestBench.table(IngestBench.run(data, out, events[0], events[1], events[2])));
            case "indexer" -> IndexerBench.main(rest);
            case "inference" -> InferenceBench.main(rest);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown bench '" + what + "'; known: ingest, indexer, inference");
        }
        return 0;
    }
}
