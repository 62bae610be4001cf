package io.vigil.app;

import io.vigil.ingest.IngestMetrics;
import io.vigil.ingest.IngestSettings;
import io.vigil.ingest.source.DatasetReplay;
import io.vigil.ingest.source.RawPublisher;
import io.vigil.platform.config.ConfigException;
import io.vigil.platform.config.KafkaSettings;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.kafka.KafkaClients;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Replays the bundled datasets into an external Kafka's raw topics, as local mode does for itself. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay the bundled datasets (news, transactions, clinical notes) into an external Kafka's raw topics "
                + "at the configured rates (ingest.replay.*); `vigil local` replays by itself.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--news", defaultValue = "-1", description = "how many headlines (default: all)")
    long news;

    @Option(names = "--transactions", defaultValue = "-1", description = "how many transactions (default: all)")
    long transactions;

    @Option(names = "--notes", defaultValue = "-1", description = "how many clinical notes (default: all)")
    long notes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VigilConfig config = options.load();
        KafkaSettings kafka = config.bind("kafka", KafkaSettings.class);
        if (kafka.useEmbedded()) {
            throw new ConfigException("kafka.bootstrap-servers is not set: replay writes to an external Kafka (`vigil local` replays by itself)");
        }
        IngestSettings.Replay r = config.bind("ingest", IngestSettings.class).replay();
        Path data = Path.of(r.dataDir());
        try (RawPublisher publisher = new RawPublisher(new KafkaClients(kafka).producer("replay"), IngestMetrics.noop());
             DatasetReplay replay = new DatasetReplay(data, publisher, new DatasetReplay.Rates(r.newsPerSecond(),
                     r.transactionsPerSecond(), r.notesPerSecond()), r.shiftToNow(), Clock.systemUTC())) {
            if (!replay.dataPresent()) throw new ConfigException("no bundled datasets under " + data + " (ingest.replay.data-dir)");
            List<Thread> threads = new ArrayList<>();
            threads.add(Thread.ofVirtual().start(() -> run(() -> replay.replayNews(limit(news)))));
            threads.add(Thread.ofVirtual().start(() -> run(() -> replay.replayTransactions(limit(transactions)))));
            threads.add(Thread.ofVirtual().start(() -> run(() -> replay.replayNotes(limit(notes)))));
            for (Thread t : threads) t.join();
            DatasetReplay.Counts c = replay.counts();
            spec.commandLine().getOut().printf("replayed %d headlines, %d transactions, %d notes into %s%n",
                    c.news(), c.transactions(), c.notes(), kafka.bootstrapServers());
        }
        return 0;
    }

    private static long limit(long n) {
        return n < 0 ? Long.MAX_VALUE : n;
    }

    private interface Job {
        long run() throws Exception;
    }

    private static void run(Job job) {
        try {
            job.run();
        } catch (Exception e) {
            throw new IllegalStateException("replay failed: " + e.getMessage(), e);
        }
    }
}
