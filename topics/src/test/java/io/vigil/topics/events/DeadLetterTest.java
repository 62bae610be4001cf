package io.vigil.topics.events;

import io.vigil.topics.Topics;
import io.vigil.topics.serde.JsonSerde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterTest {

    private static final JsonSerde<DeadLetter> SERDE = Topics.INGEST_DLQ.jsonValueSerde();
    private static final byte[] ORIGINAL = "{\"id\":\"news-9\",\"title\":\"\"}".getBytes(StandardCharsets.UTF_8);
    // sha256 of ORIGINAL, computed independently (python3 hashlib)
    private static final String SHA = "3c4d7d9725f7109088b25d6df7a3775e4e8be65f5fd7173fa444b29c35c46104";

    @Test
    void ofKeepsTheOriginalInClearWithItsHashAndId() {
        DeadLetter d = DeadLetter.of("news.raw", 2, 77L, "$.title: must not be blank", "schema", ORIGINAL, Protection.NONE);
        assertThat(d.id()).isEqualTo("news-9");
        assertThat(d.originalSha256()).isEqualTo(SHA);
        assertThat(d.originalBase64()).isEqualTo(Base64.getEncoder().encodeToString(ORIGINAL));
        assertThat(d.carriedBytes()).hasValue(ORIGINAL);
        assertThat(d.source()).isEqualTo("news.raw");
        assertThat(d.sourcePartition()).isEqualTo(2);
        assertThat(d.sourceOffset()).isEqualTo(77L);
        assertThat(SERDE.decode(SERDE.encode(d))).isEqualTo(d);
    }

    @Test
    void unreadableOriginalGetsAHashId() {
        byte[] garbage = {(byte) 0xff, 0x00, 0x41};
        DeadLetter d = DeadLetter.of("notes.raw", null, null, "$: is not valid UTF-8", "not-utf8", garbage, Protection.WITHHELD);
        assertThat(d.id()).isEqualTo("dlq-" + DeadLetter.sha256Hex(garbage).substring(0, 16));
        assertThat(d.originalBase64()).isNull();
        assertThat(d.carriedBytes()).isEmpty();
        assertThat(SERDE.decode(SERDE.encode(d))).isEqualTo(d);
    }

    @Test
    void idWithWhitespaceIsNotTrusted() {
        byte[] bad = "{\"id\":\"a b\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(DeadLetter.of("news.raw", 0, 0L, "r", "schema", bad, Protection.NONE).id()).startsWith("dlq-");
    }

    @Test
    void encryptedCarriesTheCiphertextButHashesThePlaintext() {
        DeadLetter d = DeadLetter.of(Instant.parse("2026-11-22T13:30:00Z"), "ingest", "notes.raw", 0, 1L, "r", "schema",
                ORIGINAL, Protection.ENCRYPTED, b -> new byte[]{1, 2, 3});
        assertThat(d.carriedBytes()).hasValue(new byte[]{1, 2, 3});
        assertThat(d.originalSha256()).isEqualTo(SHA);
        assertThat(SERDE.decode(SERDE.encode(d))).isEqualTo(d);
        assertThatThrownBy(() -> DeadLetter.of("notes.raw", 0, 1L, "r", "schema", ORIGINAL, Protection.ENCRYPTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cipher");
    }

    @Test
    void withheldNeverCarriesBytes() {
        assertThatThrownBy(() -> new DeadLetter("x", Instant.EPOCH, "s", 1, "t", null, null, "r", "e", "AAAA", SHA,
                Protection.WITHHELD)).isInstanceOf(IllegalArgumentException.class);
    }
}
