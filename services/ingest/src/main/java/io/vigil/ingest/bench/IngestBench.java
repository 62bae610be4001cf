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
 * the clock runs from the app reaching RUNNING until its committed offsets cover the whole input.
 * Usage: {@code IngestBench <data-dir> <out-dir> [news] [transactions] [notes]} (counts; defaults 9000 20000 300).
 */
public final class IngestBench {

    /** The pass-through's sink, a bench-only topic on the bench's private broker (not part of the catalog). */
    static final String SINK = "bench.passthrough";

    public record Row(String domain, long events, double eventsPerSecond, double passThroughPerSecond, double ratio) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "data");
        Path out = Path.of(args.length > 1 ? args[1] : "target/bench");
        long news = args.length > 2 ? Long.parseLong(args[2]) : 9000;
        long txns = args.length > 3 ? Long.parseLong(args[3]) : 20000;
        long notes = args.length > 4 ? Long.parseLong(args[4]) : 300;
        List<Row> rows = run(data, out, news, txns, notes);
        System.out.println(table(rows));
    }

    public static List<Row> run(Path data, Path out, long news, long txns, long notes) throws Exception {
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
            List<Row> rows = List.of(
                    row("news", news, Topics.NEWS_RAW, clients, work,
                            props -> IngestTopologies.news(props, new NewsTopology(Gazetteer.standard()), retention, m)),
                    row("transactions", txns, Topics.TRANSACTIONS_RAW, clients, work,
                            props -> IngestTopologies.transactions(props, new TransactionsTopology(), retention, m)),
                    row("notes", notes, Topics.NOTES_RAW, clients, work,
                            props -> IngestTopologies.notes(props, new NotesTopology(Deidentifier.create(), p, Protection.WITHHELD, null), retention, m)));
            write(out, rows);
            return rows;
        }
    }

    private static Row row(String domain, long n, Topic<String, ?> raw, KafkaClients clients, Path work,
                           Function<Properties, Topology> topology) throws Exception {
        double pass = measure("bench-pass-" + domain, n, clients, work, props -> passThrough(props, raw));
        double real = measure("bench-" + domain, n, clients, work, topology);
        return new Row(domain, n, real, pass, real / pass);
    }

    static Topology passThrough(Properties props, Topic<String, ?> raw) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(raw.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())).to(SINK, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return b.build(props);
    }

    private static double measure(String appId, long n, KafkaClients clients, Path work, Function<Properties, Topology> topology) throws Exception {
        Properties props = IngestTopologies.withHandlers(clients.streams(appId, work.resolve("state").resolve(appId)));
        try (KafkaStreams streams = new KafkaStreams(topology.apply(props), props); Admin admin = clients.admin(appId)) {
            streams.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) Thread.sleep(20);
            long start = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("bench-" + appId).partitionsToOffsetAndMetadata().get();
                long done = committed.values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
                if (done >= n) break;
                Thread.sleep(50);
            }
            double secs = (System.nanoTime() - start) / 1e9;
            streams.close(Duration.ofSeconds(30));
            return n / secs;
        }
    }

    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| topology | events | events/s | pass-through events/s | ratio |\n|---|---:|---:|---:|---:|\n");
        for (Row r : rows) sb.append(String.format(java.util.Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f |%n", r.domain(), r.events(),
                r.eventsPerSecond(), r.passThroughPerSecond(), r.ratio()));
        return sb.toString();
    }

    private static void write(Path out, List<Row> rows) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bench", "ingest");
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("rows", rows);
        Files.writeString(out.resolve("ingest-bench.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.writeString(out.resolve("ingest-bench.md"), table(rows));
    }
}
