package io.vigil.ingest.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef-test-only";

    @Test
    void stableKeyedAndPrefixed() {
        Pseudonymizer p = Pseudonymizer.ofSecret(KEY);
        String a = p.patient("MRN00482913");
        assertThat(a).matches("p_[a-z2-7]{16}");
        assertThat(p.patient("MRN00482913")).isEqualTo(a);
        assertThat(Pseudonymizer.ofSecret(KEY).patient(" MRN00482913 ")).isEqualTo(a);
        assertThat(p.patient("MRN00482914")).isNotEqualTo(a);
        assertThat(Pseudonymizer.ofSecret(KEY + "x").patient("MRN00482913")).isNotEqualTo(a);
        assertThat(p.matches("p", "MRN00482913", a)).isTrue();
    }

    @Test
    void domainsSeparateIdsWithTheSameDigits() {
        Pseudonymizer p = Pseudonymizer.ofSecret(KEY);
        String patient = p.patient("12345");
        String acct = p.pseudonym("acct", "12345");
        assertThat(acct).startsWith("acct_");
        assertThat(acct.substring(5)).isNotEqualTo(patient.substring(2));
        assertThatThrownBy(() -> p.pseudonym("Bad Prefix", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.pseudonym("x", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knownAnswerPinsTheAlgorithm() throws Exception {
        // HMAC-SHA256(key, "p" || 0x00 || "42"), first 80 bits in RFC 4648 base32, lower case
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(new byte[] {'p', 0});
        byte[] h = mac.doFinal("42".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // independent base32: through a string of bits
        StringBuilder bits = new StringBuilder();
        for (byte b : h) {
            bits.append(String.format("%8s", Integer.toBinaryString(b & 0xff)).replace(' ', '0'));
        }
        StringBuilder b32 = new StringBuilder();
        for (int i = 0; i < 80; i += 5) {
            b32.append("abcdefghijklmnopqrstuvwxyz234567".charAt(Integer.parseInt(bits.substring(i, i + 5), 2)));
        }
        assertThat(Pseudonymizer.ofSecret(KEY).patient("42")).isEqualTo("p_" + b32);
    }

    @Test
    void refusesWeakKeysAndNeverShowsTheKey() {
        assertThatThrownBy(() -> Pseudonymizer.ofSecret("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pseudonymizer.ofSecret("short-key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short-key");
        assertThatThrownBy(() -> Pseudonymizer.ofSecret(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pseudonymizer.ofKey(new byte[64])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pseudonymizer.fromEnv(Map.of())).isInstanceOf(IllegalStateException.class);
        Pseudonymizer p = Pseudonymizer.fromEnv(Map.of(Pseudonymizer.KEY_ENV, KEY));
        assertThat(p.toString()).doesNotContain(KEY).doesNotContain("0123456789").contains("****");
    }

    @Test
    void noCollisionsAmongManyIds() {
        Pseudonymizer p = Pseudonymizer.ofSecret(KEY);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(p.patient(Integer.toString(i)))).isTrue();
        }
    }
}
