package io.vigil.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A minimal W3C WebDriver client over java.net.http, driving headless Chromium through chromedriver on loopback. */
final class WebDriver implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final String base;
    private final String session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    WebDriver() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        base = "http://127.0.0.1:" + port;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (call("GET", "/status", null).path("value").path("ready").asBoolean()) break;
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > end) throw new IllegalStateException("chromedriver did not start");
            Thread.sleep(200);
        }
        Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", List.of("--headless", "--no-sandbox",
                        "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--disable-dev-shm-usage")))));
        session = call("POST", "/session", caps).path("value").path("sessionId").asText();
    }

    void open(String url) throws Exception {
        s("POST", "/url", Map.of("url", url));
    }

    String find(String css) throws Exception {
        return s("POST", "/element", Map.of("using", "css selector", "value", css)).path("value").path(ELEMENT).asText();
    }

    int count(String css) throws Exception {
        return s("POST", "/elements", Map.of("using", "css selector", "value", css)).path("value").size();
    }

    void click(String css) throws Exception {
        s("POST", "/element/" + find(css) + "/click", Map.of());
    }

    void type(String css, String text) throws Exception {
        s("POST", "/element/" + find(css) + "/value", Map.of("text", text));
    }

    String text(String css) throws Exception {
        return s("GET", "/element/" + find(css) + "/text", null).path("value").asText();
    }

    JsonNode script(String js) throws Exception {
        return s("POST", "/execute/sync", Map.of("script", js, "args", List.of())).path("value");
    }

    private JsonNode s(String method, String path, Object body) throws Exception {
        JsonNode r = call(method, "/session/" + session + path, body);
        if (r.path("value").has("error")) throw new IllegalStateException(path + ": " + r.path("value").path("message").asText());
        return r;
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Harness.JSON.writeValueAsString(body)));
        if (body != null) b.header("Content-Type", "application/json");
        return Harness.JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Override
    public void close() {
        try {
            if (session != null) call("DELETE", "/session/" + session, null);
        } catch (Exception ignored) {
            // the process is ended below either way
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) driver.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
