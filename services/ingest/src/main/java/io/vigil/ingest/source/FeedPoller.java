package io.vigil.ingest.source;

import io.vigil.topics.Topics;
import io.vigil.topics.events.NewsArticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls RSS/Atom feeds on an interval with conditional GETs (If-None-Match / If-Modified-Since from the
 * last 200), and publishes items not seen before to news.raw. Restartable: the seen-set is in memory only, so
 * after a restart items are re-sent with the same stable ids and the news topology's dedupe drops them.
 */
public final class FeedPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
    private static final int SEEN_MAX = 50_000;

    private final List<URI> feeds;
    private final Duration interval;
    private final Consumer<List<NewsArticle>> sink;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Map<URI, Validators> validators = new ConcurrentHashMap<>();
    private final Set<String> seen = java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_MAX;
        }
    });
    private ScheduledExecutorService scheduler;
    private volatile String lastError;

    private record Validators(String etag, String lastModified) {
    }

    /** What one poll of one feed did. */
    public record PollResult(int status, int items, int published) {
    }

    /** @param sink writes a batch of new articles durably (throws if it could not): normally {@link #toKafka(RawPublisher)} */
    public FeedPoller(List<URI> feeds, Duration interval, Consumer<List<NewsArticle>> sink, Clock clock) {
        this.feeds = List.copyOf(feeds);
        this.interval = interval;
        this.sink = sink;
        this.clock = clock;
    }

    public synchronized void start() {
        if (scheduler != null || feeds.isEmpty()) return;
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("rss-poller").factory());
        scheduler.scheduleWithFixedDelay(this::pollAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String lastError() {
        return lastError;
    }

    void pollAll() {
        for (URI feed : feeds) {
            try {
                poll(feed);
            } catch (Exception e) { // one broken feed must not stop the others or the schedule
                lastError = feed.getHost() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("feed {} failed: {}", feed, e.toString());
            }
        }
    }

    public PollResult poll(URI feed) throws java.io.IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(feed).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
                .header("User-Agent", "vigil-ingest");
        Validators v = validators.get(feed);
        if (v != null && v.etag() != null) req.header("If-None-Match", v.etag());
        if (v != null && v.lastModified() != null) req.header("If-Modified-Since", v.lastModified());
        HttpResponse<byte[]> resp = http.send(req.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (resp.statusCode() == 304) return new PollResult(304, 0, 0);
        if (resp.statusCode() != 200) throw new java.io.IOException("HTTP " + resp.statusCode());
        List<NewsArticle> items = FeedParser.parse(resp.body(), "rss:" + feed.getHost(), clock.instant());
        List<NewsArticle> fresh = new ArrayList<>();
        synchronized (seen) {
            for (NewsArticle a : items) if (!seen.contains(a.id())) fresh.add(a);
        }
        if (!fresh.isEmpty()) sink.accept(fresh);
        synchronized (seen) {
            fresh.forEach(a -> seen.add(a.id()));
        }
        validators.put(feed, new Validators(resp.headers().firstValue("ETag").orElse(null),
                resp.headers().firstValue("Last-Modified").orElse(null)));
        return new PollResult(200, items.size(), fresh.size());
    }

    /** The production sink: news.raw keyed by article id, acknowledged before the items count as seen. */
    public static Consumer<List<NewsArticle>> toKafka(RawPublisher publisher) {
        return list -> publisher.publishAll(Topics.NEWS_RAW, list.stream().map(a -> new RawPublisher.Keyed<>(a.id(), a)).toList(), "rss");
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        http.close();
    }
}
