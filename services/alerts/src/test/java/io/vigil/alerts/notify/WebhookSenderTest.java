package io.vigil.alerts.notify;

import io.vigil.alerts.AlertMeters;
import io.vigil.platform.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static io.vigil.alerts.notify.TestWebhook.HANG;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class WebhookSenderTest {

    static final byte[] BODY = "{\"id\":\"high-risk|A|1\"}".getBytes(StandardCharsets.UTF_8);
    final AlertMeters meters = AlertMeters.detached();

    static WebhookSettings settings(int attempts) {
        return new WebhookSettings(List.of("http://127.0.0.1:1/unused"), List.of("X-Team: fraud"), Secret.of("s3cret"),
                1000, attempts, 10, 50, 2.0, 0.5, null);
    }

    @Test
    void retriesServerErrorsAndATimeoutThenDeliversExactlyOnce() throws Exception {
        try (TestWebhook hook = new TestWebhook(List.of(500, 503, 500, HANG), 200, k -> true);
             WebhookSender sender = new WebhookSender(settings(6), meters, new Random(1))) {
            WebhookSender.Outcome out = sender.deliver(hook.url(), "high-risk|A|1", BODY);

            assertThat(out.delivered()).isTrue();
            assertThat(out.attempts()).isEqualTo(5);
            assertThat(hook.received).extracting(TestWebhook.Received::answered).containsExactly(500, 503, 500, HANG, 200);
            assertThat(hook.delivered()).isEqualTo(1);
            assertThat(meters.count("vigil.alerts.notifier.retries")).isEqualTo(4);
            TestWebhook.Received last = hook.received.get(4);
            assertThat(last.body()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
            assertThat(last.idempotencyKey()).isEqualTo("high-risk|A|1");
            assertThat(last.headers().get("Authorization")).containsExactly("Bearer s3cret");
            assertThat(last.headers().get("X-team")).containsExactly("fraud");
            assertThat(last.headers().get("Content-type")).containsExactly("application/json");
            assertThat(last.headers().get("X-vigil-delivery-attempt")).containsExactly("5");
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() throws Exception {
        try (TestWebhook hook = new TestWebhook(List.of(), 500, k -> true);
             WebhookSender sender = new WebhookSender(settings(3), meters, new Random(1))) {
            WebhookSender.Outcome out = sender.deliver(hook.url(), "id-1", BODY);
            assertThat(out.delivered()).isFalse();
            assertThat(out.stopped()).isFalse();
            assertThat(out.attempts()).isEqualTo(3);
            assertThat(out.errorType()).isEqualTo("webhook-http-500");
            assertThat(out.error()).startsWith("HTTP 500 from " + hook.url()).contains("status 500");
            assertThat(hook.received).hasSize(3);
            assertThat(meters.count("vigil.alerts.notifier.retries")).isEqualTo(2);
        }
    }

    @Test
    void aClientErrorIsFinalAtOnce() throws Exception {
        try (TestWebhook hook = new TestWebhook(List.of(400), 200, k -> true);
             WebhookSender sender = new WebhookSender(settings(5), meters, new Random(1))) {
            WebhookSender.Outcome out = sender.deliver(hook.url(), "id-1", BODY);
            assertThat(out.delivered()).isFalse();
            assertThat(out.attempts()).isEqualTo(1);
            assertThat(out.errorType()).isEqualTo("webhook-http-400");
        }
    }

    @Test
    void connectionRefusedIsRetriedAndReported() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        try (WebhookSender sender = new WebhookSender(settings(2), meters, new Random(1))) {
            WebhookSender.Outcome out = sender.deliver(URI.create("http://127.0.0.1:" + port + "/hook"), "id-1", BODY);
            assertThat(out.delivered()).isFalse();
            assertThat(out.attempts()).isEqualTo(2);
            assertThat(out.errorType()).isIn("webhook-connect", "webhook-io");
        }
    }

    @Test
    void backoffGrowsExponentiallyIsCappedAndJitterOnlyShortensIt() {
        WebhookSettings exact = new WebhookSettings(List.of(), List.of(), Secret.empty(), 100, 9, 100, 1000, 2.0, 0.0, null);
        try (WebhookSender s = new WebhookSender(exact, meters, new Random(1))) {
            assertThat(List.of(s.backoffMs(1), s.backoffMs(2), s.backoffMs(3), s.backoffMs(4), s.backoffMs(5), s.backoffMs(9)))
                    .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        }
        WebhookSettings jittered = new WebhookSettings(List.of(), List.of(), Secret.empty(), 100, 9, 100, 1000, 2.0, 0.5, null);
        try (WebhookSender s = new WebhookSender(jittered, meters, new Random(7))) {
            for (int i = 0; i < 200; i++) assertThat(s.backoffMs(3)).isBetween(200L, 400L);
        }
    }
}
