package io.vigil.ingest.source;

import com.sun.net.httpserver.HttpServer;
import io.vigil.topics.events.NewsArticle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller against a feed served on 127.0.0.1: new items handed to the sink once, ETag honoured (304).
 * The sink here collects in memory; the path through the real broker is covered by IngestServiceIT.
 */
class FeedPollerTest {

    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    static String feed(String... guids) {
        StringBuilder sb = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title>");
        for (String g : guids) sb.append("<item><title>Item ").append(g).append("</title><guid>").append(g).append("</guid></item>");
        return sb.append("</channel></rss>").toString();
    }

    @Test
    void newItemsOnceAndEtagGives304() throws Exception {
        AtomicReference<String> body = new AtomicReference<>(feed("a", "b"));
        AtomicInteger notModified = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed.xml", ex -> {
            String etag = "\"" + Integer.toHexString(body.get().hashCode()) + "\"";
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
            } else {
                byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("ETag", etag);
                ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml");
        List<NewsArticle> sent = new java.util.ArrayList<>();
        try (FeedPoller poller = new FeedPoller(List.of(uri), Duration.ofMinutes(5), sent::addAll, Clock.systemUTC())) {
            assertThat(poller.poll(uri)).isEqualTo(new FeedPoller.PollResult(200, 2, 2));
            assertThat(poller.poll(uri)).isEqualTo(new FeedPoller.PollResult(304, 0, 0));
            assertThat(notModified.get()).isEqualTo(1);
            body.set(feed("a", "b", "c"));
            assertThat(poller.poll(uri)).isEqualTo(new FeedPoller.PollResult(200, 3, 1));
        }
        assertThat(sent).extracting(NewsArticle::title).containsExactly("Item a", "Item b", "Item c");
    }
}
