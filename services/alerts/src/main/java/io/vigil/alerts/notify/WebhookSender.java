package io.vigil.alerts.notify;

import io.vigil.alerts.AlertMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * POSTs one alert to one URL with bounded retries: exponential backoff with jitter between attempts,
 * {@code Retry-After} honoured up to the maximum backoff. 2xx is delivered; 408, 425, 429, 5xx, timeouts and
 * connection errors are retried; any other status is final at once (retrying a 400 cannot help).
 */
public final class WebhookSender implements AutoCloseable {

    /** How one delivery ended. {@code stopped}: the notifier is closing; the alert was neither delivered nor failed. */
    public record Outcome(boolean delivered, boolean stopped, int attempts, String error, String errorType) {
    }

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookSettings settings;
    private final AlertMeters meters;
    private final Random random;
    private final HttpClient client;
    private final Map<String, String> headers;
    private final CountDownLatch stop = new CountDownLatch(1);

    public WebhookSender(WebhookSettings settings, AlertMeters meters, Random random) {
        this.settings = settings;
        this.meters = meters;
        this.random = random;
        this.headers = settings.headerMap();
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.timeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER)
                // plain HTTP/1.1: no h2c upgrade round trip, which receivers behind simple servers mishandle
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public Outcome deliver(URI url, String alertId, byte[] json) {
        String error = null;
        String errorType = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (stop.getCount() == 0) return new Outcome(false, true, attempt - 1, error, errorType);
            long retryAfterMs = -1;
            try {
                HttpResponse<String> response = client.send(request(url, alertId, json, attempt),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) return new Outcome(true, false, attempt, null, null);
                error = "HTTP " + status + " from " + url + bodyHint(response.body());
                errorType = "webhook-http-" + status;
                if (!retryable(status)) return new Outcome(false, false, attempt, error, errorType);
                retryAfterMs = retryAfterMs(response);
            } catch (HttpTimeoutException e) {
                error = "timed out after " + settings.timeoutMs() + " ms posting to " + url;
                errorType = "webhook-timeout";
            } catch (ConnectException e) {
                error = "cannot connect to " + url + (e.getMessage() == null ? "" : ": " + e.getMessage());
                errorType = "webhook-connect";
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + " posting to " + url + ": " + e.getMessage();
                errorType = "webhook-io";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, true, attempt, error, errorType);
            }
            if (attempt == settings.maxAttempts()) break;
            long delay = Math.max(backoffMs(attempt), Math.min(retryAfterMs, settings.maxBackoffMs()));
            log.info("Alert {}: attempt {}/{} failed ({}); retrying in {} ms", alertId, attempt, settings.maxAttempts(), error, delay);
            meters.notifierRetry();
            try {
                if (stop.await(delay, TimeUnit.MILLISECONDS)) return new Outcome(false, true, attempt, error, errorType);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, true, attempt, error, errorType);
            }
        }
        return new Outcome(false, false, settings.maxAttempts(), error, errorType);
    }

    /** Delay after failed attempt n (1-based): initial x multiplier^(n-1), capped, less a random jitter share. */
    long backoffMs(int attempt) {
        double base = Math.min(settings.maxBackoffMs(),
                settings.initialBackoffMs() * Math.pow(settings.backoffMultiplier(), attempt - 1));
        return Math.round(base * (1 - settings.jitter() * random.nextDouble()));
    }

    private HttpRequest request(URI url, String alertId, byte[] json, int attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(settings.timeoutMs()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        headers.forEach(b::header);
        b.header("Content-Type", "application/json");
        b.header("User-Agent", "vigil-alerts");
        b.header(IDEMPOTENCY_KEY, alertId);
        b.header("X-Vigil-Delivery-Attempt", Integer.toString(attempt));
        if (settings.bearerToken().isPresent()) b.header("Authorization", "Bearer " + settings.bearerToken().reveal());
        return b.build();
    }

    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    private static long retryAfterMs(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Long.parseLong(v.strip()) * 1000;
            } catch (NumberFormatException e) {
                return -1L; // an HTTP date: fall back to our own backoff
            }
        }).orElse(-1L);
    }

    private static String bodyHint(String body) {
        if (body == null || body.isBlank()) return "";
        String one = body.replaceAll("\\s+", " ").strip();
        return ": " + (one.length() > 120 ? one.substring(0, 120) + "..." : one);
    }

    /** Ends any backoff wait at once; an attempt in flight ends by its timeout. */
    public void stop() {
        stop.countDown();
    }

    @Override
    public void close() {
        stop();
        client.close();
    }
}
