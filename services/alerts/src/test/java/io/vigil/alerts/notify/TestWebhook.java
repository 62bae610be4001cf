package io.vigil.alerts.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A webhook receiver on 127.0.0.1 that answers from a script (status codes, or a hang longer than the
 * client's timeout) and then 200, recording every request. Only requests whose Idempotency-Key matches
 * {@code mine} follow the script; the rest get 200 and are not recorded (other tests' alerts share the topic).
 */
public final class TestWebhook implements AutoCloseable {

    /** What a scripted request gets: an HTTP status, or {@link #HANG} to stall past the client's timeout. */
    public static final int HANG = -1;

    public record Received(String idempotencyKey, Map<String, List<String>> headers, String body, int answered) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Integer> script;
    private final Predicate<String> mine;
    private final int otherwise;
    public final List<Received> received = new CopyOnWriteArrayList<>();

    public TestWebhook(List<Integer> script, int otherwise, Predicate<String> mine) throws IOException {
        this.script = new ConcurrentLinkedQueue<>(script);
        this.otherwise = otherwise;
        this.mine = mine;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    public long delivered() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).count();
    }

    /** What each recorded request was answered, in order. */
    public List<Integer> answered() {
        return received.stream().map(Received::answered).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            if (key == null || !mine.test(key)) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            Integer next = script.poll();
            int status = next == null ? otherwise : next;
            received.add(new Received(key, Map.copyOf(ex.getRequestHeaders()), body, status));
            if (status == HANG) {
                try {
                    Thread.sleep(3_000); // the client (timeout 1 s) gave up long before
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return; // closing without a response
            }
            byte[] answer = ("status " + status).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, answer.length);
            ex.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
