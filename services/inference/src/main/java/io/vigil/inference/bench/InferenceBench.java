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
 * per model; (2) the service end to end (news.clean -> news.scored in Kafka transactions, read_committed) as
 * a ratio of the raw predictor on the same texts at the service's batch size, measured alternately in the same
 * run, with every output counted (exactly once); (3) p50/p99 of POST /v1/score under concurrent loopback
 * callers. Everything is bounded and stops by itself; it binds 127.0.0.1 only. Prints which device DJL chose,
 * a table and JSON; with an output path, writes the JSON there and the table next to it (.md).
 * Usage: InferenceBench [out.json] [--quick] [--events N per round] [--rounds R] [--compare]
 * [--set inference.key=value ...] [--config key=value,key=value ...]
 * ({@code --compare} also measures the loop as it was before pipelining; each {@code --config} adds a run.)
 */
public final class InferenceBench {

    private static final int[] BATCHES = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    public static void main(String[] args) throws Exception {
        main(args, null);
    }

    /**
     * {@code vigil bench inference [-- ARGS]}: as {@link #main(String[])}; without an output path among the
     * arguments, writes {@code <outDir>/inference.json} and {@code inference.md} (outDir null: print only).
     */
    public static void main(String[] args, Path outDir) throws Exception {
        DjlOffline.ensure();
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        int events = a.contains("--events") ? Integer.parseInt(a.get(a.indexOf("--events") + 1)) : (quick ? 4000 : 10000);
        Map<String, String> set = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals("--set") && i + 1 < a.size()) {
                String kv = a.get(++i);
                int eq = kv.indexOf('=');
                if (eq < 1) throw new IllegalArgumentException("--set wants key=value, not " + kv);
                set.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        List<Config> configs = new ArrayList<>();
        if (a.contains("--compare")) {
            // the loop as it was before pipelining: one poll of 256 at a time
            configs.add(new Config("unpipelined (depth 1, 256 per poll)", Map.of(
                    "inference.pipeline.depth", "1", "inference.max-poll-records", "256")));
        }
        configs.add(new Config(set.isEmpty() ? "defaults" : "defaults + " + set, set));
        for (int i = 0; i < a.size() - 1; i++) {
            if (!a.get(i).equals("--config")) continue; // another configuration measured in the same run
            Map<String, String> c = new LinkedHashMap<>();
            for (String kv : a.get(i + 1).split(",")) c.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            configs.add(new Config(String.valueOf(c), c));
        }
        Path out = !a.isEmpty() && !a.getFirst().startsWith("--") ? Path.of(a.getFirst())
                : outDir == null ? null : outDir.resolve("inference.json");
        if (out != null && out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        int rounds = a.contains("--rounds") ? Integer.parseInt(a.get(a.indexOf("--rounds") + 1)) : (quick ? 3 : 5);
        Map<String, Object> report = run(events, rounds, quick, configs);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        String table = table(report);
        if (out != null) {
            Files.writeString(out, json);
            String name = out.getFileName().toString();
            Files.writeString(out.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".md"), table);
        }
        System.out.println(json);
        System.out.print(table);
    }

    /** A service configuration measured end to end: a label and inference.* overrides. */
    public record Config(String label, Map<String, String> overrides) {}

    public static Map<String, Object> run(int events, int rounds, boolean quick, List<Config> configs) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-inference");
        ModelStore store = new ModelStore(dir.resolve("data/models"));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("models", BenchModels.install(store));
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("torchThreads", System.getProperty("ai.djl.pytorch.num_threads"));
        // chosen by DJL (GPU when a CUDA engine matches a visible GPU), never by this code
        report.put("engine", ai.djl.engine.Engine.getInstance().getEngineName() + " " + ai.djl.engine.Engine.getInstance().getVersion());
        report.put("device", ai.djl.engine.Engine.getInstance().defaultDevice().toString());
        report.put("gpus", ai.djl.engine.Engine.getInstance().getGpuCount());
        System.out.println("bench inference: device " + report.get("device") + " (" + report.get("engine") + ", "
                + report.get("gpus") + " GPU(s) visible), " + report.get("cpus") + " CPUs");
        report.put("predictor", predictor(store, quick));
        List<Map<String, Object>> e2e = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            Map<String, Object> r = endToEnd(dir.resolve("e2e-" + i), store, events, rounds, configs.get(i), i == configs.size() - 1);
            e2e.add(r);
        }
        report.put("endToEnd", e2e);
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
                    // one explanation (occlusion / contributions, top 5): what explain=always|sampled costs per input
                    Object one = text ? BenchModels.text(r, len) : randomRow(r, text ? 0 : ((io.vigil.models.tabular.TabularModel) m).config().featureNames().size());
                    double explainPerSec = rate(() -> ((ScoringModel<Object>) m).explain(one, 5), 1, quick ? 0.3 : 0.8);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("model", name);
                    row.put("words", len);
                    row.put("batch", "explain");
                    row.put("perSecond", Math.round(explainPerSec));
                    rows.add(row);
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

    /**
     * The service against the raw predictor on a shared, noisy box: the raw predictor and the service are
     * measured alternately (raw, service, raw, service, ..., raw) and each service round is divided by the
     * mean of the raw runs just before and after it. Each round's events are written to news.clean in one
     * Kafka transaction, so the service (read_committed) sees them all at once when it commits: a round times
     * only the service, from that commit to the commit of its last scored event. A warm-up round comes first
     * (group join, JIT). Afterwards news.scored is read back and counted: every event exactly once.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> endToEnd(Path dir, ModelStore store, int events, int rounds, Config config,
                                                boolean withHttp) throws Exception {
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("config", config.label());
        int batch = 32;
        int warm = Math.max(2000, events);
        Random r = new Random(2);
        List<String> warmTexts = new ArrayList<>();
        for (int i = 0; i < warm; i++) warmTexts.add(BenchModels.text(r, 16));
        List<List<String>> roundTexts = new ArrayList<>();
        for (int k = 0; k < rounds; k++) {
            List<String> t = new ArrayList<>(events);
            for (int i = 0; i < events; i++) t.add(BenchModels.text(r, 16));
            roundTexts.add(t);
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(dir.resolve("kafka")).build().start();
             ScoringModel<?> rawModel = store.load("news-sentiment", store.current("news-sentiment").orElseThrow())) {
            ScoringModel<String> raw = (ScoringModel<String>) rawModel;
            rawRate(raw, warmTexts, batch); // JIT and allocator warm-up, as the service gets
            KafkaClients clients = new KafkaClients(VigilConfig.defaults().bind("kafka", KafkaSettings.class)
                    .withBootstrapServers(kafka.bootstrapServers()));
            try (Admin admin = clients.admin("bench")) {
                new TopicBootstrap(admin).apply(TopicCatalog.standard().all());
            }
            Map<String, String> o = new HashMap<>();
            o.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            o.put("inference.models.news-sentiment.batch-size", String.valueOf(batch));
            o.put("inference.models.news-sentiment.queue-size", "256");
            o.put("inference.models.news-sentiment.explain", "never"); // same work as the raw predictor
            o.put("inference.review.low-confidence", "0");
            o.put("inference.review.random-rate", "0");
            o.putAll(config.overrides());
            VigilConfig vc = VigilConfig.load(null, Map.of(), o);
            io.vigil.inference.InferenceSettings is = vc.bind("inference", io.vigil.inference.InferenceSettings.class);
            res.put("maxPollRecords", is.maxPollRecords());
            res.put("pipelineDepth", is.pipeline().depth());
            res.put("loops", is.pipeline().loops());
            copyModels(store, dir.resolve("data/models"));
            try (HttpApi http = new HttpApi("127.0.0.1", 0).start();
                 KafkaProducer<String, byte[]> filler = new KafkaProducer<>(
                         clients.transactionalProducer("bench-fill", "bench-fill-" + java.util.UUID.randomUUID()),
                         new StringSerializer(), new ByteArraySerializer())) {
                filler.initTransactions();
                ServiceContext ctx = new ServiceContext(vc, clients, dir.resolve("data"), new Health(), new SimpleMeterRegistry(), http);
                InferenceService service = new InferenceService(ctx);
                try {
                    long s0 = System.nanoTime();
                    service.start();
                    res.put("startSeconds", Math.round((System.nanoTime() - s0) / 1e7) / 100.0);
                    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                    int total = 0;
                    long c = fill(filler, warmTexts, "warm");
                    total += warm;
                    awaitCount(ctx, total, deadline);
                    res.put("warmUpSeconds", Math.round((System.nanoTime() - c) / 1e7) / 100.0);
                    List<Long> rawRates = new ArrayList<>();
                    List<Long> serviceRates = new ArrayList<>();
                    List<Double> ratios = new ArrayList<>();
                    rawRates.add(Math.round(rawRate(raw, roundTexts.getFirst(), batch)));
                    service.loop().profile().reset(); // the measured rounds alone
                    long tx0 = committed(ctx);
                    List<Double> busy = new ArrayList<>();
                    for (int k = 0; k < rounds; k++) {
                        long t0 = fill(filler, roundTexts.get(k), "r" + k);
                        double f0 = forwardNanos(ctx);
                        total += events;
                        long t1 = awaitCount(ctx, total, deadline);
                        // share of the round the model spent in forward passes: 1.0 = never waiting for the loop
                        busy.add(Math.round((forwardNanos(ctx) - f0) / (t1 - t0) * 100) / 100.0);
                        serviceRates.add(Math.round(events / ((t1 - t0) / 1e9)));
                        rawRates.add(Math.round(rawRate(raw, roundTexts.get(k), batch)));
                        ratios.add(Math.round(serviceRates.get(k) / ((rawRates.get(k) + rawRates.get(k + 1)) / 2.0) * 100) / 100.0);
                    }
                    res.put("events", events);
                    res.put("rounds", rounds);
                    res.put("rawPredictorPerSecond", rawRates);
                    res.put("servicePerSecond", serviceRates);
                    res.put("ratios", ratios);
                    res.put("modelBusy", busy);
                    res.put("ratioToRaw", ratios.stream().sorted().toList().get(ratios.size() / 2)); // the median
                    var ab = ctx.metrics().find("vigil.inference.transactions.aborted").counter();
                    var bs = ctx.metrics().find("vigil.inference.batch.size").summary();
                    var bt = ctx.metrics().find("vigil.inference.batch.duration").timer();
                    res.put("transactions", committed(ctx) - tx0);
                    res.put("aborted", ab == null ? 0 : Math.round(ab.count()));
                    res.put("meanBatch", bs == null ? 0 : Math.round(bs.mean() * 10) / 10.0);
                    res.put("meanForwardMs", bt == null ? 0 : Math.round(bt.mean(java.util.concurrent.TimeUnit.MICROSECONDS)) / 1000.0);
                    res.put("loopProfile", service.loop().profile().snapshot());
                    Map<String, Long> check = countOutput(clients, total);
                    res.put("outputRecords", check.get("records"));
                    res.put("outputDistinctIds", check.get("distinct"));
                    if (check.get("records") != total || check.get("distinct") != total) {
                        throw new IllegalStateException("news.scored holds " + check + " records/ids, expected exactly " + total);
                    }
                    if (withHttp) res.put("http", httpLoad(http.baseUrl(), 8, 200));
                } finally {
                    service.close();
                }
            }
        }
        return res;
    }

    private static double forwardNanos(ServiceContext ctx) {
        return ctx.metrics().find("vigil.inference.batch.duration").tag("model", "news-sentiment").timers().stream()
                .mapToDouble(t -> t.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).sum();
    }

    private static long committed(ServiceContext ctx) {
        var tx = ctx.metrics().find("vigil.inference.transactions.committed").counter();
        return tx == null ? 0 : Math.round(tx.count());
    }

    /** Inputs/s of the raw predictor over texts in batches of {@code batch}. */
    private static double rawRate(ScoringModel<String> m, List<String> texts, int batch) {
        long t0 = System.nanoTime();
        for (int from = 0; from < texts.size(); from += batch) m.predict(texts.subList(from, Math.min(texts.size(), from + batch)));
        return texts.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /** Each run gets its own data dir; the models are copied from the bench's store. */
    private static void copyModels(ModelStore from, Path to) throws java.io.IOException {
        if (Files.exists(to)) return;
        try (var walk = Files.walk(from.root())) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.root().relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private static long scoredCount(ServiceContext ctx) {
        return Math.round(ctx.metrics().find("vigil.inference.events.scored").counters().stream().mapToDouble(c -> c.count()).sum());
    }

    /** Waits until n events are committed (the service counts them after each commit); returns nanoTime then. */
    private static long awaitCount(ServiceContext ctx, long n, long deadline) throws InterruptedException {
        while (scoredCount(ctx) < n) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("only " + scoredCount(ctx) + " of " + n + " scored in time");
            Thread.sleep(2);
        }
        return System.nanoTime();
    }

    /** Writes the texts to news.clean in one transaction; returns nanoTime right after its commit. */
    private static long fill(KafkaProducer<String, byte[]> p, List<String> texts, String prefix) {
        Instant now = Instant.now();
        p.beginTransaction();
        for (int i = 0; i < texts.size(); i++) {
            String key = "T" + (i % 50);
            CleanNewsArticle a = new CleanNewsArticle("bench-" + prefix + "-" + i, now, "bench", 1, texts.get(i), null, null, "en",
                    List.of(key), null, List.of(), key);
            p.send(new ProducerRecord<>(Topics.NEWS_CLEAN.name(), key, Topics.NEWS_CLEAN.valueSerde().serializer().serialize(Topics.NEWS_CLEAN.name(), a)));
        }
        p.commitTransaction();
        return System.nanoTime();
    }

    /** Reads news.scored to its end (read_committed): how many records, and how many distinct event ids. */
    private static Map<String, Long> countOutput(KafkaClients clients, int expected) {
        Map<String, Object> c = clients.consumer("bench-count", "bench");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.NEWS_SCORED.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts); // last stable offsets: nothing open any more
            long records = 0;
            java.util.Set<String> ids = new java.util.HashSet<>(expected * 2);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (var rec : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    ids.add(Topics.NEWS_SCORED.valueSerde().deserializer().deserialize(rec.topic(), rec.value()).id());
                }
            }
            return Map.of("records", records, "distinct", (long) ids.size());
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

    /** The report as Markdown tables. */
    @SuppressWarnings("unchecked")
    public static String table(Map<String, Object> report) {
        StringBuilder sb = new StringBuilder();
        sb.append("device ").append(report.get("device")).append(" (").append(report.get("engine")).append(", ")
                .append(report.get("gpus")).append(" GPU(s)); ").append(report.get("cpus")).append(" CPUs; torch threads ")
                .append(report.get("torchThreads")).append("; models: ").append(report.get("models")).append("\n\n");
        // predictor: one row per model and length, one column per batch size
        Map<String, Map<Integer, Object>> rows = new LinkedHashMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) report.get("predictor")) {
            String k = row.get("model") + " | " + (((Number) row.get("words")).intValue() == 0 ? "-" : row.get("words"));
            Object b = row.get("batch");
            rows.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(b instanceof Number n ? n.intValue() : -1, row.get("perSecond"));
        }
        sb.append("raw predictor, inputs/s by batch size (explained: explanations/s, one input at a time)\n\n| model | words |");
        for (int b : BATCHES) sb.append(' ').append(b).append(" |");
        sb.append(" explained |\n|---|---|");
        for (int ignored : BATCHES) sb.append("---:|");
        sb.append("---:|\n");
        rows.forEach((k, v) -> {
            sb.append("| ").append(k).append(" |");
            for (int b : BATCHES) sb.append(' ').append(v.getOrDefault(b, "")).append(" |");
            sb.append(' ').append(v.getOrDefault(-1, "")).append(" |\n");
        });
        sb.append("\nend to end (news.clean -> news.scored, exactly once), steady state after the warm-up\n\n")
                .append("| config | events x rounds | service/s per round | raw predictor/s (around the rounds) | ratio per round | **median ratio** | model busy per round | transactions | aborted | loop CPU ms per transaction | wall ms per transaction: poll / decode / score wait / encode / send / offsets / commit |\n")
                .append("|---|---:|---|---|---|---:|---|---:|---:|---:|---|\n");
        for (Map<String, Object> e : (List<Map<String, Object>>) report.get("endToEnd")) {
            Map<String, Object> prof = (Map<String, Object>) e.get("loopProfile");
            Map<String, Object> ms = (Map<String, Object>) prof.get("msPerTransaction");
            sb.append("| ").append(e.get("config")).append(" | ").append(e.get("events")).append(" x ").append(e.get("rounds"))
                    .append(" | ").append(e.get("servicePerSecond")).append(" | ").append(e.get("rawPredictorPerSecond"))
                    .append(" | ").append(e.get("ratios")).append(" | **").append(e.get("ratioToRaw")).append("** | ")
                    .append(e.get("modelBusy")).append(" | ")
                    .append(e.get("transactions")).append(" | ").append(e.get("aborted")).append(" | ")
                    .append(prof.get("loopCpuMsPerTransaction")).append(" | ")
                    .append(String.join(" / ", ms.values().stream().map(String::valueOf).toList()))
                    .append(" (").append(prof.get("recordsPerTransaction")).append(" records) |\n");
        }
        for (Map<String, Object> e : (List<Map<String, Object>>) report.get("endToEnd")) {
            if (e.get("http") instanceof Map<?, ?> h) {
                sb.append("\nPOST /v1/score/news-sentiment, ").append(h.get("callers")).append(" loopback callers, ")
                        .append(h.get("requests")).append(" single-text requests: p50 ").append(h.get("p50Ms")).append(" ms, p99 ")
                        .append(h.get("p99Ms")).append(" ms, ").append(h.get("requestsPerSecond")).append(" req/s, non-200 ")
                        .append(h.get("non200")).append('\n');
            }
        }
        return sb.toString();
    }
}
