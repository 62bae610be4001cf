package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.ingest.deid.Deidentifier;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.topics.Topics;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.DeidentifiedNote;
import io.vigil.topics.events.Protection;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotesTopologyTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Pseudonymizer P = Pseudonymizer.ofSecret("unit-test-key-0123456789abcdefghijklmnop");
    DriverSupport d;
    TestOutputTopic<String, DeidentifiedNote> deid;

    void start(Protection protection, DlqCipher cipher) {
        IngestMetrics m = IngestMetrics.noop();
        d = new DriverSupport(Topics.NOTES_RAW, IngestTopologies.notes(DriverSupport.props(),
                new NotesTopology(Deidentifier.create(), P, protection, cipher), Duration.ofHours(1), m), m);
        deid = d.out(Topics.NOTES_DEID);
    }

    @AfterEach
    void tearDown() {
        d.close();
    }

    static String note(String id, String patient, String text) {
        return "{\"id\":\"" + id + "\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"source\":\"http\",\"version\":1,\"patientId\":\""
                + patient + "\",\"text\":\"" + text + "\",\"specialty\":\"Cardiology\",\"patientAge\":93,\"patientSex\":\"female\"}";
    }

    @Test
    void deidentifiesPseudonymisesAndKeysByPseudonym() {
        start(Protection.WITHHELD, null);
        d.pipe("n1", note("n1", "MRN7781234", "Seen by Dr. Quillfeather on 03/14/2025. Call 617-555-0199. Chest pain."), T0);
        TestRecord<String, DeidentifiedNote> r = deid.readRecord();
        DeidentifiedNote n = r.value();
        assertThat(n.text()).doesNotContain("Quillfeather").doesNotContain("617-555-0199").doesNotContain("03/14/2025")
                .contains("[NAME]").contains("[DATE]").contains("[PHONE]").contains("Chest pain");
        assertThat(n.patientPseudonym()).isEqualTo(P.patient("MRN7781234")).doesNotContain("7781234");
        assertThat(r.key()).isEqualTo(n.patientPseudonym());
        assertThat(n.groups()).containsEntry("ageBand", "90+").containsEntry("sex", "female");
        assertThat(n.redactions()).containsKeys("NAME", "DATE", "PHONE");
        assertThat(n.deidVersion()).isEqualTo(NotesTopology.DEID_VERSION);
    }

    @Test
    void invalidNotesAreDeadLetteredWithoutTheirContent() {
        start(Protection.WITHHELD, null);
        String secret = "Zebulon Featherstonehaugh";
        d.pipe("k", ("{\"id\":\"n2\",\"patientId\":\"" + secret + "\"").getBytes(StandardCharsets.UTF_8), T0);            // malformed
        d.pipe("k", new byte[]{(byte) 0xFF, 'Z', 'e', 'b'}, T0);                                                        // not UTF-8
        d.pipe("k", note("n3", "MRN1", secret).replace("\"patientAge\":93", "\"patientAge\":\"" + secret + "\""), T0);  // schema
        d.pipe("k", note("n4", "MRN1", "   "), T0);                                                                     // empty text
        d.pipe("k", note("n5", "MRN1", "Fine note."), T0);
        List<DeadLetter> letters = d.dlq.readValuesToList();
        assertThat(letters).extracting(DeadLetter::errorType).containsExactly("malformed-json", "not-utf8", "schema", "empty-text");
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.protection()).isEqualTo(Protection.WITHHELD);
            assertThat(l.originalBase64()).isNull();
            assertThat(l.reason()).doesNotContain("Zebulon").doesNotContain("Featherstonehaugh");
            assertThat(l.originalSha256()).hasSize(64);
        });
        assertThat(letters.get(2).reason()).contains("$.patientAge");
        assertThat(deid.readValue().id()).isEqualTo("n5");
    }

    @Test
    void encryptedDeadLettersDecryptWithTheKeyOnly() {
        DlqCipher cipher = new DlqCipher("dlq-test-key-0123456789");
        start(Protection.ENCRYPTED, cipher);
        byte[] original = "{\"id\":\"n9\",\"patientId\":\"MRN9\",\"text\":".getBytes(StandardCharsets.UTF_8);
        d.pipe("k", original, T0);
        DeadLetter l = d.dlq.readValue();
        assertThat(l.protection()).isEqualTo(Protection.ENCRYPTED);
        byte[] sealed = Base64.getDecoder().decode(l.originalBase64());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("MRN9");
        assertThat(cipher.decrypt(sealed)).isEqualTo(original);
    }

    @Test
    void duplicatesAreDropped() {
        start(Protection.WITHHELD, null);
        d.pipe("n6", note("n6", "MRN6", "Stable."), T0);
        d.pipe("n6", note("n6", "MRN6", "Stable."), T0.plusSeconds(5));
        assertThat(deid.readValuesToList()).hasSize(1);
        assertThat(d.metrics.count("vigil.ingest.dedupe.hits", "domain", "notes")).isEqualTo(1);
    }
}
