package io.vigil.ingest.bench;

import io.vigil.ingest.IngestMetrics;
import io.vigil.ingest.deid.Deidentifier;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.ingest.source.DatasetReplay;
import io.vigil.ingest.source.RawPublisher;
import io.vigil.ingest.stream.Gazetteer;
import io.vigil.ingest.stream.IngestTopologies;
import io.vigil.ingest.stream.NewsTopology;
import io.vigil.ingest.stream.NotesTopology;
import io.vigil.ingest.stream.TransactionsTopology;
import io.vigil.platform.config.KafkaSettings;
import io.vigil.platform.kafka.EmbeddedKafka;
import io.vigil.platform.kafka.KafkaClients;
import io.vigil.platform.kafka.TopicBootstrap;
import io.vigil.topics.Topic;
import io.vigil.topics.TopicCatalog;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Protection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * {@code vigil bench ingest}: events/s through each ingest topology on an embedded broker (EOS v2, one stream
 * thread), and the ratio to a pass-through topology (bytes in -> bytes out, same EOS settings) over the same
 * input on the same broker in the same run. Input = the bundled datasets, pre-loaded before the clock starts;
 * the clock runs from the app reaching RUNNING until its committed offsets cover the whole input. Each topology and
 * its pass-through run once unmeasured first (JIT warm-up), then measured; CPU is the whole process's CPU time.
 * Usage: {@code IngestBench <data-dir> <out-dir> [news] [transactions] [notes] [commit-interval-ms]} (counts; defaults
 * 9000 20000 300 and the service's default commit interval; a count of 0 skips that domain).
 */
public final class IngestBench {

    /** The pass-through's sink, a bench-only topic on the bench's private broker (not part of the catalog). */
    static final String SINK = "bench.passthrough";

    /**
     * One domain: throughput (events/s, wall clock) and cost (CPU microseconds of the whole JVM per event: broker,
     * clients and Streams together) of the topology and of the pass-through, and their ratios. The CPU view is the
     * steadier one on a shared machine, where other work steals wall-clock time from either run.
     */
    public record Row(String domain, long events, double eventsPerSecond, double passThroughPerSecond, double ratio,
                      double cpuMicrosPerEvent, double passThroughCpuMicrosPerEvent, double cpuRatio) {
    }

    private record Measure(double eventsPerSecond, double cpuMicrosPerEvent) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "data");
        Path out = Path.of(args.length > 1 ? args[1] : "target/bench");
        long news = args.length > 2 ? Long.parseLong(args[2]) : 9000;
        long txns = args.length > 3 ? Long.parseLong(args[3]) : 20000;
        long notes = args.length > 4 ? Long.parseLong(args[4]) : 300;
        int commitMs = args.length > 5 ? Integer.parseInt(args[5]) : io.vigil.ingest.IngestSettings.DEFAULT_COMMIT_INTERVAL_MS;
        List<Row> rows = run(data, out, news, txns, notes, commitMs);
        System.out.println(table(rows));
    }

    public static List<Row> run(Path data, Path out, long news, long txns, long notes) throws Exception {
        return run(data, out, news, txns, notes, io.vigil.ingest.IngestSettings.DEFAULT_COMMIT_INTERVAL_MS);
    }

    public static List<Row> run(Path data, Path out, long news, long txns, long notes, int commitIntervalMs) throws Exception {
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("vigil-ingest-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(work.resolve("kafka")).build().start()) {
            KafkaClients clients = new KafkaClients(new KafkaSettings(kafka.bootstrapServers(), null, null, null, null, null, null, "bench", null));
            try (Admin admin = clients.admin("bench")) {
                new TopicBootstrap(admin).apply(TopicCatalog.standard().all());
                admin.createTopics(List.of(new NewTopic(SINK, 3, (short) 1))).all().get();
            }
            Thread.sleep(1000); // KAFKA-15591: let new partitions settle before producing
            IngestMetrics m = IngestMetrics.noop();
            try (RawPublisher pub = new RawPublisher(clients.producer("bench-load"), m)) {
                DatasetReplay replay = new DatasetReplay(data, pub, new DatasetReplay.Rates(0, 0, 0), true, Clock.systemUTC());
                news = replay.replayNews(news);
                txns = replay.replayTransactions(txns);
                notes = replay.replayNotes(notes);
            }
            Duration retention = Duration.ofHours(24);
            Pseudonymizer p = Pseudonymizer.ofSecret("bench-key-0123456789abcdefghijklmnopqrstuv");
            List<Row> rows = new java.util.ArrayList<>();
            if (news > 0) rows.add(row("news", news, Topics.NEWS_RAW, clients, work, commitIntervalMs,
                    props -> IngestTopologies.news(props, new NewsTopology(Gazetteer.standard()), retention, m)));
            if (txns > 0) rows.add(row("transactions", txns, Topics.TRANSACTIONS_RAW, clients, work, commitIntervalMs,
                    props -> IngestTopologies.transactions(props, new TransactionsTopology(), retention, m)));
            if (notes > 0) rows.add(row("notes", notes, Topics.NOTES_RAW, clients, work, commitIntervalMs,
                    props -> IngestTopologies.notes(props, new NotesTopology(Deidentifier.create(), p, Protection.WITHHELD, null), retention, m)));
            write(out, rows, commitIntervalMs);
            return rows;
        }
    }

    private static Row row(String domain, long n, Topic<String, ?> raw, KafkaClients clients, Path work, int commitIntervalMs,
                           Function<Properties, Topology> topology) throws Exception {
        // discarded runs of both first (own application ids, so own state): on a fresh JVM the JIT compiler threads
        // otherwise take most of the CPU of a 20k-event run, and the numbers would measure compilation, not the topology
        measure("bench-warm-pass-" + domain, n, clients, work, commitIntervalMs, props -> passThrough(props, raw));
        measure("bench-warm-" + domain, n, clients, work, commitIntervalMs, topology);
        Measure pass = measure("bench-pass-" + domain, n, clients, work, commitIntervalMs, props -> passThrough(props, raw));
        Measure real = measure("bench-" + domain, n, clients, work, commitIntervalMs, topology);
        return new Row(domain, n, real.eventsPerSecond(), pass.eventsPerSecond(), real.eventsPerSecond() / pass.eventsPerSecond(),
                real.cpuMicrosPerEvent(), pass.cpuMicrosPerEvent(), pass.cpuMicrosPerEvent() / real.cpuMicrosPerEvent());
    }

    static Topology passThrough(Properties props, Topic<String, ?> raw) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(raw.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())).to(SINK, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return b.build(props);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Measure measure(String appId, long n, KafkaClients clients, Path work, int commitIntervalMs,
                                  Function<Properties, Topology> topology) throws Exception {
        Properties props = IngestTopologies.withHandlers(clients.streams(appId, work.resolve("state").resolve(appId)));
        props.put(org.apache.kafka.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        try (KafkaStreams streams = new KafkaStreams(topology.apply(props), props); Admin admin = clients.admin(appId)) {
            streams.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) Thread.sleep(20);
            long start = System.nanoTime();
            long cpu0 = processCpuNanos();
            while (System.nanoTime() < deadline) {
                Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("bench-" + appId).partitionsToOffsetAndMetadata().get();
                long done = committed.values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
                if (done >= n) break;
                Thread.sleep(50);
            }
            double secs = (System.nanoTime() - start) / 1e9;
            double cpuMicros = (processCpuNanos() - cpu0) / 1e3;
            streams.close(Duration.ofSeconds(30));
            return new Measure(n / secs, cpuMicros / n);
        }
    }

    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| topology | events | events/s | pass-through events/s | ratio | CPU us/event | pass-through CPU us/event | CPU ratio |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) sb.append(String.format(java.util.Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |%n", r.domain(), r.events(),
                r.eventsPerSecond(), r.passThroughPerSecond(), r.ratio(), r.cpuMicrosPerEvent(), r.passThroughCpuMicrosPerEvent(), r.cpuRatio()));
        return sb.toString();
    }

    private static void write(Path out, List<Row> rows, int commitIntervalMs) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bench", "ingest");
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("commitIntervalMs", commitIntervalMs);
        json.put("rows", rows);
        Files.writeString(out.resolve("ingest-bench.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.writeString(out.resolve("ingest-bench.md"), table(rows));
    }
}
