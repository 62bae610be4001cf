package io.vigil.indexer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void doublesUpToTheCap() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(200);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(3200);
        assertThat(backoff.ceilingMillis(7)).isEqualTo(5000);
        assertThat(backoff.ceilingMillis(1000)).as("no overflow").isEqualTo(5000);
    }

    @Test
    void jitterStaysBetweenHalfAndTheCeiling() {
        for (int attempt = 1; attempt < 12; attempt++) {
            long c = backoff.ceilingMillis(attempt);
            for (int i = 0; i < 50; i++) assertThat(backoff.delayMillis(attempt)).isBetween(c / 2, c);
        }
    }

    @Test
    void retryableStatuses() {
        assertThat(BulkSink.retryable(429)).isTrue();
        assertThat(BulkSink.retryable(503)).isTrue();
        assertThat(BulkSink.retryable(400)).isFalse();
        assertThat(BulkSink.retryable(404)).isFalse();
    }
}
