package io.vigil.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.indexer.bench.SampleEvents;
import io.vigil.platform.Infrastructure;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.elasticsearch.ElasticsearchClients;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ScoredTransaction;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.serde.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil bench indexer}: the indexer's docs/s (Kafka -> decode/validate -> BulkIngester -> acked commits) as a
 * ratio of a raw BulkIngester baseline (the same documents, pre-built in memory, same bulk settings) on the same
 * embedded node in the same run. Writes JSON and prints a table.
 * <pre>java ... io.vigil.indexer.IndexerBench [--docs N] [--out file.json]</pre>
 */
public final class IndexerBench {

    public record Result(int docs, double baselineDocsPerSec, double indexerDocsPerSec, double ratio, String node) {
    }

    public static void main(String[] args) throws Exception {
        int docs = 20_000;
        Path out = Path.of("target/bench/indexer-bench.json");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--docs")) docs = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--out")) out = Path.of(args[i + 1]);
        }
        Result r = run(docs);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
        System.out.println(table(r));
        System.out.println("written to " + out.toAbsolutePath());
        System.exit(0); // embedded servers leave non-daemon threads
    }

    public static String table(Result r) {
        return String.format("""
                | run                         | docs   | docs/s   |
                |-----------------------------|--------|----------|
                | raw BulkIngester (baseline) | %6d | %8.0f |
                | indexer (Kafka -> ES, acks) | %6d | %8.0f |
                | ratio indexer / baseline    |        | %8.2f |""", r.docs(), r.baselineDocsPerSec(), r.docs(),
                r.indexerDocsPerSec(), r.ratio());
    }

    public static Result run(int docs) throws Exception {
        Path dir = Files.createTempDirectory("vigil-indexer-bench-");
        VigilConfig config = VigilConfig.load(null, Map.of(), Map.of("data-dir", dir.toString()));
        IndexerSettings settings = IndexerSettings.defaults().withGroupId("bench-" + System.nanoTime())
                .withTopics(List.of(Topics.TRANSACTIONS_SCORED.name()));
        try (Infrastructure infra = Infrastructure.start(config)) {
            Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS);
            DocumentMapper mapper = new DocumentMapper(IndexCatalog.standard(), Clock.systemUTC());
            ElasticsearchClient es = ElasticsearchClients.create(infra.elasticsearchSettings());
            baseline(es, settings, prebuilt(mapper, new SampleEvents(1, day.minus(3, ChronoUnit.DAYS), "warm-"), 2000));
            double baseline = baseline(es, settings, prebuilt(mapper, new SampleEvents(2, day.minus(2, ChronoUnit.DAYS), "base-"), docs));
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(infra.kafka().producer("bench"), new StringSerializer(),
                    new ByteArraySerializer())) {
                SampleEvents ev = new SampleEvents(3, day.minus(1, ChronoUnit.DAYS), "idx-");
                for (int i = 0; i < docs; i++) {
                    ScoredTransaction t = ev.transaction(i);
                    p.send(new ProducerRecord<>(Topics.TRANSACTIONS_SCORED.name(), t.transaction().transaction().accountId(),
                            Topics.TRANSACTIONS_SCORED.jsonValueSerde().encode(t)));
                }
                p.flush();
            }
            ServiceContext ctx = new ServiceContext(config, infra.kafka(), dir, new Health(), new SimpleMeterRegistry(), null);
            long t0 = System.nanoTime();
            double indexer;
            try (IndexerService service = new IndexerService(ctx, infra.elasticsearchSettings(), settings, IndexCatalog.standard(), Clock.systemUTC())) {
                service.start();
                while (service.indexedCount() < docs) Thread.sleep(5);
                indexer = docs / ((System.nanoTime() - t0) / 1e9);
            }
            // the baseline again after the indexer (JIT warm by now); the better one counts, so the ratio is conservative
            baseline = Math.max(baseline, baseline(es, settings, prebuilt(mapper, new SampleEvents(4, day.minus(4, ChronoUnit.DAYS), "base2-"), docs)));
            es._transport().close();
            return new Result(docs, baseline, indexer, indexer / baseline, "embedded Elasticsearch, " + Runtime.getRuntime().availableProcessors() + " cores");
        }
    }

    private static List<BulkOperation> prebuilt(DocumentMapper mapper, SampleEvents ev, int n) {
        List<BulkOperation> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            IndexDocument.Doc d = (IndexDocument.Doc) mapper.map(Topics.TRANSACTIONS_SCORED.name(),
                    Topics.TRANSACTIONS_SCORED.jsonValueSerde().encode(ev.transaction(i)));
            ops.add(BulkOperation.of(b -> b.index(x -> x.index(d.index()).id(d.id()).document(BinaryData.of(d.json(), "application/json")))));
        }
        return ops;
    }

    private static double baseline(ElasticsearchClient es, IndexerSettings s, List<BulkOperation> ops) {
        long t0 = System.nanoTime();
        BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(es).maxOperations(s.bulkMaxActions()).maxSize(s.bulkMaxBytes())
                .maxConcurrentRequests(s.maxConcurrentRequests()).flushInterval(s.flushIntervalMs(), TimeUnit.MILLISECONDS));
        ops.forEach(ingester::add);
        ingester.close(); // flushes and waits for every request
        return ops.size() / ((System.nanoTime() - t0) / 1e9);
    }
}
