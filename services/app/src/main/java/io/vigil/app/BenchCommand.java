package io.vigil.app;

import io.vigil.ingest.bench.IngestBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vigil bench ingest}: throughput of each ingest topology vs a pass-through, on an embedded broker. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (today: ingest).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "what to bench: ingest")
    String what;

    @Option(names = "--data", defaultValue = "data", description = "the datasets folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", defaultValue = "bench-results", description = "where JSON and table go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--events", split = ",", defaultValue = "9000,20000,300", description = "news,transactions,notes counts")
    long[] events;

    @Override
    public Integer call() throws Exception {
        if (!"ingest".equals(what)) throw new IllegalArgumentException("unknown bench '" + what + "'; known: ingest");
        System.out.print(IngestBench.table(IngestBench.run(data, out, events[0], events[1], events[2])));
        return 0;
    }
}
