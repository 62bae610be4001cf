package io.vigil.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.ingest.source.Csv;
import io.vigil.ingest.source.DatasetReplay;
import io.vigil.ingest.source.RawPublisher;
import io.vigil.ingest.source.TransactionRows;
import io.vigil.platform.config.VigilConfig;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.NewsArticle;
import io.vigil.topics.events.Transaction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vigil bench e2e}: the whole local pipeline (raw topics -> ingest -> inference -> indexer) on one JVM.
 * Events from the bundled datasets are stamped with the time they are sent, pushed as fast as the producer
 * takes them, and counted in Elasticsearch. Reports sustained events/s from the first send to the last
 * document indexed, p50/p99 of (indexedAt - eventTime) per domain, and the JVM's resident memory.
 */
final class E2eBench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Counts(int news, int transactions, int notes) {
        int total() {
            return news + transactions + notes;
        }
    }

    static Map<String, Object> run(Path data, Counts warmup, Counts measured, Duration timeout) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-e2e");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("data-dir", dir.toString());
        set.put("http.port", "0");
        set.put("ingest.pseudonym-key", "bench-pseudonym-key-0123456789abcdef0123");
        VigilConfig config = VigilConfig.load(null, Map.of(), set);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("java", Runtime.version().toString());
        try (LocalRuntime local = LocalRuntime.start(config, alert -> { })) {
            ElasticsearchClient es = local.infrastructure().elasticsearch();
            Source source = new Source(data);
            send(local.ingest().publisher(), source, warmup);
            awaitIndexed(es, warmup, timeout);
            long before = indexedTotal(es);

            long t0 = System.nanoTime();
            send(local.ingest().publisher(), source, measured);
            double sendSeconds = (System.nanoTime() - t0) / 1e9;
            boolean complete = awaitIndexed(es, new Counts(warmup.news + measured.news,
                    warmup.transactions + measured.transactions, warmup.notes + measured.notes), timeout);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long indexed = indexedTotal(es) - before;

            report.put("events", measured.total());
            report.put("indexed", indexed);
            report.put("complete", complete);
            report.put("sendSeconds", round(sendSeconds));
            report.put("seconds", round(seconds));
            double throughput = indexed / seconds;
            report.put("eventsPerSecond", round(throughput));

            // Latency under a burst is queueing; measure it at half the sustained rate instead.
            double rate = Math.max(1, throughput / 2);
            int paced = (int) Math.min(measured.total(), rate * 30);
            Counts share = new Counts((int) ((long) paced * measured.news / measured.total()),
                    (int) ((long) paced * measured.transactions / measured.total()),
                    Math.max(1, (int) ((long) paced * measured.notes / measured.total())));
            Instant pacedFrom = Instant.now();
            sendPaced(local.ingest().publisher(), source, share, rate);
            awaitIndexed(es, new Counts(warmup.news + measured.news + share.news,
                    warmup.transactions + measured.transactions + share.transactions,
                    warmup.notes + measured.notes + share.notes), timeout);
            report.put("pacedEventsPerSecond", round(rate));
            Map<String, Object> latency = new LinkedHashMap<>();
            for (String alias : List.of("vigil-news", "vigil-transactions", "vigil-notes")) {
                latency.put(alias, latencies(es, alias, pacedFrom));
            }
            report.put("latencyMs", latency);
            report.put("residentMemoryMb", residentMb());
            Runtime rt = Runtime.getRuntime();
            report.put("heapUsedMb", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
            report.put("heapMaxMb", rt.maxMemory() / (1024 * 1024));
        }
        return report;
    }

    /** Reads the datasets once, in order, and hands out events stamped with the time they are sent. */
    static final class Source {
        private final List<String> headlines = new ArrayList<>();
        private final List<Map<String, String>> paysim = new ArrayList<>();
        private final List<String[]> notes = new ArrayList<>();
        private int news, txns, note;

        Source(Path data) throws Exception {
            try (Csv c = new Csv(data.resolve("sentiment/tfns_train.csv"))) {
                for (var r = c.next(); r != null; r = c.next()) headlines.add(r.get("text"));
            }
            try (Csv c = new Csv(data.resolve("fraud/paysim_steps001-090.csv"))) {
                for (var r = c.next(); r != null; r = c.next()) paysim.add(r);
            }
            try (Csv c = new Csv(data.resolve("clinical/synthetic_notes_mistral500.csv"))) {
                for (var r = c.next(); r != null; r = c.next()) notes.add(new String[]{r.get("synth_id"), r.get("text"), r.get("specialty")});
            }
        }

        NewsArticle news() {
            int i = news++;
            return new NewsArticle("bench-news-" + i, Instant.now(), "bench", Event.CURRENT_VERSION,
                    headlines.get(i % headlines.size()), null, null, null, null, null);
        }

        Transaction transaction() {
            int i = txns++;
            Map<String, String> r = paysim.get(i % paysim.size());
            Transaction t = TransactionRows.paysim(r, "bench", i, Duration.between(TransactionRows.paysimTime(r), Instant.now()));
            return t;
        }

        ClinicalNote note() {
            int i = note++;
            String[] n = notes.get(i % notes.size());
            return DatasetReplay.note(n[0] + "-" + i, n[1], n[2], Instant.now());
        }
    }

    static void send(RawPublisher publisher, Source source, Counts counts) {
        // interleaved, so every topology is busy at once as in production
        int max = Math.max(counts.news, Math.max(counts.transactions, counts.notes));
        for (int i = 0; i < max; i++) {
            if (i < counts.news) {
                NewsArticle a = source.news();
                publisher.send(Topics.NEWS_RAW, a.id(), a, "bench");
            }
            if (i < counts.transactions) {
                Transaction t = source.transaction();
                publisher.send(Topics.TRANSACTIONS_RAW, t.accountId(), t, "bench");
            }
            if (i < counts.notes) {
                ClinicalNote n = source.note();
                publisher.send(Topics.NOTES_RAW, n.id(), n, "bench");
            }
        }
        publisher.flush();
    }

    static void sendPaced(RawPublisher publisher, Source source, Counts counts, double perSecond) throws InterruptedException {
        int total = counts.total();
        long start = System.nanoTime();
        int n = 0, news = 0, txns = 0, notes = 0;
        while (n < total) {
            long due = start + (long) (n * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            // spread each domain evenly over the run
            if (news * (long) total <= n * (long) counts.news && news < counts.news) {
                NewsArticle a = source.news();
                publisher.send(Topics.NEWS_RAW, a.id(), a, "bench");
                news++;
            } else if (notes * (long) total <= n * (long) counts.notes && notes < counts.notes) {
                ClinicalNote c = source.note();
                publisher.send(Topics.NOTES_RAW, c.id(), c, "bench");
                notes++;
            } else if (txns < counts.transactions) {
                Transaction t = source.transaction();
                publisher.send(Topics.TRANSACTIONS_RAW, t.accountId(), t, "bench");
                txns++;
            } else if (news < counts.news) {
                NewsArticle a = source.news();
                publisher.send(Topics.NEWS_RAW, a.id(), a, "bench");
                news++;
            } else {
                ClinicalNote c = source.note();
                publisher.send(Topics.NOTES_RAW, c.id(), c, "bench");
                notes++;
            }
            n++;
        }
        publisher.flush();
    }

    static boolean awaitIndexed(ElasticsearchClient es, Counts expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(es, "vigil-news") >= expected.news && count(es, "vigil-transactions") >= expected.transactions
                    && count(es, "vigil-notes") >= expected.notes) return true;
            Thread.sleep(250);
        }
        return false;
    }

    static long indexedTotal(ElasticsearchClient es) {
        return count(es, "vigil-news") + count(es, "vigil-transactions") + count(es, "vigil-notes");
    }

    static long count(ElasticsearchClient es, String alias) {
        try {
            es.indices().refresh(r -> r.index(alias).allowNoIndices(true).ignoreUnavailable(true));
            return es.count(c -> c.index(alias).allowNoIndices(true).ignoreUnavailable(true)).count();
        } catch (Exception e) {
            return 0;
        }
    }

    /** p50 / p99 / max of indexedAt - eventTime over one family's documents with event time from {@code from}. */
    static Map<String, Object> latencies(ElasticsearchClient es, String alias, Instant from) throws Exception {
        SearchResponse<JsonNode> r = es.search(s -> s.index(alias).size(10_000)
                .query(q -> q.range(rg -> rg.date(d -> d.field("eventTime").gte(from.toString()))))
                .source(src -> src.filter(f -> f.includes("eventTime", "indexedAt"))), JsonNode.class);
        List<Long> ms = new ArrayList<>();
        r.hits().hits().forEach(h -> {
            JsonNode d = h.source();
            if (d != null && d.hasNonNull("indexedAt") && d.hasNonNull("eventTime")) {
                ms.add(Duration.between(Instant.parse(d.get("eventTime").asText()), Instant.parse(d.get("indexedAt").asText())).toMillis());
            }
        });
        ms.sort(Long::compare);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("docs", ms.size());
        if (!ms.isEmpty()) {
            out.put("p50", ms.get((int) Math.floor(0.50 * (ms.size() - 1))));
            out.put("p99", ms.get((int) Math.floor(0.99 * (ms.size() - 1))));
            out.put("max", ms.get(ms.size() - 1));
        }
        return out;
    }

    static long residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (Exception ignored) {
            // not Linux: reported as -1
        }
        return -1;
    }

    static String table(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| metric | value |%n|---|---|%n"));
        sb.append(String.format(Locale.ROOT, "| events (news+transactions+notes) | %s |%n", r.get("events")));
        sb.append(String.format(Locale.ROOT, "| indexed | %s (complete: %s) |%n", r.get("indexed"), r.get("complete")));
        sb.append(String.format(Locale.ROOT, "| sustained events/s, raw -> indexed (burst) | %s |%n", r.get("eventsPerSecond")));
        sb.append(String.format(Locale.ROOT, "| latency measured at (events/s, half the sustained rate) | %s |%n", r.get("pacedEventsPerSecond")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> lat = (Map<String, Map<String, Object>>) r.get("latencyMs");
        lat.forEach((alias, l) -> sb.append(String.format(Locale.ROOT, "| %s event -> indexed p50 / p99 ms | %s / %s |%n",
                alias, l.get("p50"), l.get("p99"))));
        sb.append(String.format(Locale.ROOT, "| resident memory MB (heap used / max) | %s (%s / %s) |%n",
                r.get("residentMemoryMb"), r.get("heapUsedMb"), r.get("heapMaxMb")));
        return sb.toString();
    }

    static String json(Map<String, Object> r) throws Exception {
        return JSON.writeValueAsString(r);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
