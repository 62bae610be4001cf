package io.vigil.inference.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.inference.InferenceService;
import io.vigil.models.DjlOffline;
import io.vigil.models.ScoringModel;
import io.vigil.models.store.ModelStore;
import io.vigil.platform.config.KafkaSettings;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.health.Health;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.kafka.EmbeddedKafka;
import io.vigil.platform.kafka.KafkaClients;
import io.vigil.platform.kafka.TopicBootstrap;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.TopicCatalog;
import io.vigil.topics.Topics;
import io.vigil.topics.events.CleanNewsArticle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code vigil bench inference}: (1) the raw batched predictor, sentences/s by batch size and sequence length
 * per model; (2) the service end to end (news.clean already filled -> news.scored, read_committed) as a ratio
 * of the raw predictor on the same texts at the service's batch size, measured in the same run; (3) p50/p99
 * of POST /v1/score under concurrent loopback callers. Everything is bounded and stops by itself; it binds
 * 127.0.0.1 only. Prints a table and JSON (also written to the path given as the first argument).
 * Usage: InferenceBench [out.json] [--events N] [--quick]
 */
public final class InferenceBench {

    private static final int[] BATCHES = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    public static void main(String[] args) throws Exception {
        DjlOffline.ensure();
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        int events = a.contains("--events") ? Integer.parseInt(a.get(a.indexOf("--events") + 1)) : (quick ? 2000 : 10000);
        Path out = !a.isEmpty() && !a.getFirst().startsWith("--") ? Path.of(a.getFirst()) : null;
        Map<String, Object> report = run(events, quick);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        if (out != null) Files.writeString(out, json);
        System.out.println(json);
    }

    public static Map<String, Object> run(int events, boolean quick) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-inference");
        ModelStore store = new ModelStore(dir.resolve("data/models"));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("models", BenchModels.install(store));
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("torchThreads", System.getProperty("ai.djl.pytorch.num_threads"));
        report.put("device", ai.djl.engine.Engine.getInstance().defaultDevice().toString());
        report.put("predictor", predictor(store, quick));
        report.put("endToEnd", endToEnd(dir, store, events));
        printTable(report);
        return report;
    }

    // --- 1. raw predictor -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> predictor(ModelStore store, boolean quick) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Random r = new Random(1);
        for (String name : List.of("news-sentiment", "note-risk", "transaction-fraud")) {
            try (ScoringModel<?> m = store.load(name, store.current(name).orElseThrow())) {
                boolean text = !(m instanceof io.vigil.models.tabular.TabularModel);
                int[] lengths = text ? (quick ? new int[] {16} : new int[] {8, 32, 128}) : new int[] {0};
                for (int len : lengths) {
                    for (int b : BATCHES) {
                        List<Object> batch = new ArrayList<>(b);
                        int features = text ? 0 : ((io.vigil.models.tabular.TabularModel) m).config().featureNames().size();
                        for (int i = 0; i < b; i++) batch.add(text ? BenchModels.text(r, len) : randomRow(r, features));
                        double perSec = rate(() -> ((ScoringModel<Object>) m).predict(batch), b, quick ? 0.3 : 0.8);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("model", name);
                        row.put("words", len);
                        row.put("batch", b);
                        row.put("perSecond", Math.round(perSec));
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    private static float[] randomRow(Random r, int d) {
        float[] x = new float[d];
        for (int i = 0; i < d; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** Inputs per second over at least minSeconds (after a warm-up call). */
    private static double rate(Runnable call, int perCall, double minSeconds) {
        call.run();
        long t0 = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - t0 < minSeconds * 1e9) {
            call.run();
            calls++;
        }
        return calls * perCall / ((System.nanoTime() - t0) / 1e9);
    }

    // --- 2 + 3. service end to end and HTTP ---------------------------------------------------------------

    private static Map<String, Object> endToEnd(Path dir, ModelStore store, int events) throws Exception {
        Map<String, Object> res = new LinkedHashMap<>();
        int batch = 32;
        Random r = new Random(2);
        List<String> texts = new ArrayList<>(events);
        for (int i = 0; i < events; i++) texts.add(BenchModels.text(r, 16));
        // the raw batched predictor on the same texts, same batch size, same explain policy (none)
        try (ScoringModel<?> m = store.load("news-sentiment", store.current("news-sentiment").orElseThrow())) {
            @SuppressWarnings("unchecked") ScoringModel<String> tm = (ScoringModel<String>) m;
            tm.predict(texts.subList(0, batch));
            long t0 = System.nanoTime();
            for (int from = 0; from < events; from += batch) tm.predict(texts.subList(from, Math.min(events, from + batch)));
            res.put("rawPredictorPerSecond", Math.round(events / ((System.nanoTime() - t0) / 1e9)));
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(dir.resolve("kafka")).build().start()) {
            KafkaClients clients = new KafkaClients(VigilConfig.defaults().bind("kafka", KafkaSettings.class)
                    .withBootstrapServers(kafka.bootstrapServers()));
            try (Admin admin = clients.admin("bench")) {
                new TopicBootstrap(admin).apply(TopicCatalog.standard().all());
            }
            fill(clients, texts);
            Map<String, String> o = new HashMap<>();
            o.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            o.put("inference.models.news-sentiment.batch-size", String.valueOf(batch));
            o.put("inference.models.news-sentiment.queue-size", "256");
            o.put("inference.models.news-sentiment.explain", "never"); // same work as the raw predictor
            o.put("inference.review.low-confidence", "0");
            o.put("inference.review.random-rate", "0");
            VigilConfig config = VigilConfig.load(null, Map.of(), o);
            try (HttpApi http = new HttpApi("127.0.0.1", 0).start()) {
                ServiceContext ctx = new ServiceContext(config, clients, dir.resolve("data"), new Health(), new SimpleMeterRegistry(), http);
                InferenceService service = new InferenceService(ctx);
                try {
                    long s0 = System.nanoTime();
                    service.start();
                    long t0 = System.nanoTime(); // the loop is subscribed and running from here
                    res.put("startSeconds", Math.round((t0 - s0) / 1e7) / 100.0);
                    long scored = awaitScored(clients, events, Duration.ofMinutes(5));
                    double secs = (System.nanoTime() - t0) / 1e9;
                    res.put("events", events);
                    res.put("scored", scored);
                    res.put("serviceSeconds", Math.round(secs * 100) / 100.0);
                    res.put("servicePerSecond", Math.round(scored / secs));
                    res.put("ratioToRaw", Math.round(scored / secs / ((Number) res.get("rawPredictorPerSecond")).doubleValue() * 100) / 100.0);
                    var tx = ctx.metrics().find("vigil.inference.transactions.committed").counter();
                    var bs = ctx.metrics().find("vigil.inference.batch.size").summary();
                    res.put("transactions", tx == null ? 0 : Math.round(tx.count()));
                    res.put("meanBatch", bs == null ? 0 : Math.round(bs.mean() * 10) / 10.0);
                    res.put("http", httpLoad(http.baseUrl(), 8, 200));
                } finally {
                    service.close();
                }
            }
        }
        return res;
    }

    private static void fill(KafkaClients clients, List<String> texts) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(clients.producer("bench-fill"), new StringSerializer(), new ByteArraySerializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < texts.size(); i++) {
                String key = "T" + (i % 50);
                CleanNewsArticle a = new CleanNewsArticle("bench-" + i, now, "bench", 1, texts.get(i), null, null, "en",
                        List.of(key), null, List.of(), key);
                p.send(new ProducerRecord<>(Topics.NEWS_CLEAN.name(), key, Topics.NEWS_CLEAN.valueSerde().serializer().serialize(Topics.NEWS_CLEAN.name(), a)));
            }
            p.flush();
        }
    }

    /** Counts committed records on news.scored until n or the timeout (end offsets; read_committed). */
    private static long awaitScored(KafkaClients clients, int n, Duration timeout) throws InterruptedException {
        Map<String, Object> c = clients.consumer("bench-count", "bench");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.NEWS_SCORED.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            long deadline = System.nanoTime() + timeout.toNanos();
            long total = 0;
            while (System.nanoTime() < deadline) {
                // read_committed end offsets = last stable offset; transaction markers make it slightly larger
                // than the record count, so count records instead of trusting offsets
                total = 0;
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                Map<TopicPartition, Long> end = consumer.endOffsets(parts);
                long pending = end.values().stream().mapToLong(Long::longValue).sum();
                if (pending >= n) {
                    while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) total += consumer.poll(Duration.ofMillis(200)).count();
                    if (total >= n) return total;
                }
                Thread.sleep(50);
            }
            return total;
        }
    }

    private static Map<String, Object> httpLoad(String base, int callers, int requestsEach) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Random r = new Random(3);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 64; i++) bodies.add("{\"inputs\":[\"" + BenchModels.text(r, 16) + "\"]}");
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] errors = new int[1];
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<?>> f = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int cc = c;
                f.add(pool.submit(() -> {
                    for (int i = 0; i < requestsEach; i++) {
                        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/score/news-sentiment"))
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get((cc * 31 + i) % bodies.size())))
                                .timeout(Duration.ofSeconds(30)).build();
                        long s = System.nanoTime();
                        try {
                            int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status != 200) synchronized (errors) { errors[0]++; }
                        } catch (Exception e) {
                            synchronized (errors) { errors[0]++; }
                        }
                        latencies.add(System.nanoTime() - s);
                    }
                    return null;
                }));
            }
            for (Future<?> x : f) x.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callers", callers);
        m.put("requests", l.length);
        m.put("non200", errors[0]);
        m.put("p50Ms", Math.round(l[(int) (l.length * 0.50)] / 1e5) / 10.0);
        m.put("p99Ms", Math.round(l[Math.min(l.length - 1, (int) (l.length * 0.99))] / 1e5) / 10.0);
        m.put("requestsPerSecond", Math.round(l.length / secs));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void printTable(Map<String, Object> report) {
        System.out.println("models: " + report.get("models") + "; device " + report.get("device") + "; cpus " + report.get("cpus"));
        System.out.printf("%-18s %6s %6s %12s%n", "model", "words", "batch", "inputs/s");
        for (Map<String, Object> row : (List<Map<String, Object>>) report.get("predictor")) {
            System.out.printf("%-18s %6s %6s %12s%n", row.get("model"), row.get("words"), row.get("batch"), row.get("perSecond"));
        }
        Map<String, Object> e = (Map<String, Object>) report.get("endToEnd");
        System.out.printf("end to end: %s events, raw predictor %s/s, service %s/s, ratio %s%n", e.get("events"),
                e.get("rawPredictorPerSecond"), e.get("servicePerSecond"), e.get("ratioToRaw"));
        System.out.println("http: " + e.get("http"));
    }
}
