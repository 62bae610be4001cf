package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import io.vigil.ingest.deid.DeidResult;
import io.vigil.ingest.deid.Deidentifier;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.events.DeidentifiedNote;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.Protection;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * notes.raw -> validate (DLQ with the original withheld or encrypted) -> dedupe by id -> reject empty text
 * -> normalise (NFC, paragraphs kept) -> de-identify -> pseudonymise the patient id -> notes.deid keyed by
 * the pseudonym. Nothing downstream of the validator holds raw text in a store, a changelog or a log line:
 * the dedupe store keeps ids and timestamps only, and every rejection reason is a fixed text.
 */
public final class NotesTopology {

    public static final String DOMAIN = "notes";
    /** Written into every DeidentifiedNote; bump when the de-identifier's rules change. */
    public static final String DEID_VERSION = "vigil-deid-1";

    private final Deidentifier deidentifier;
    private final Pseudonymizer pseudonymizer;
    private final Protection dlqProtection;
    private final UnaryOperator<byte[]> dlqCipher;

    /**
     * @param dlqProtection {@link Protection#WITHHELD} or {@link Protection#ENCRYPTED} (with {@code dlqCipher});
     *                      never NONE: a dead letter must not carry raw patient text in clear
     */
    public NotesTopology(Deidentifier deidentifier, Pseudonymizer pseudonymizer, Protection dlqProtection,
                         UnaryOperator<byte[]> dlqCipher) {
        if (dlqProtection == Protection.NONE) throw new IllegalArgumentException("notes dead letters must be withheld or encrypted");
        this.deidentifier = deidentifier;
        this.pseudonymizer = pseudonymizer;
        this.dlqProtection = dlqProtection;
        this.dlqCipher = dlqCipher;
    }

    public void build(StreamsBuilder builder, Duration dedupeRetention, IngestMetrics metrics) {
        DeadLetters letters = new DeadLetters(Topics.NOTES_RAW, dlqProtection, dlqCipher);
        KStream<String, Checked<ClinicalNote>> valid = Pipeline.source(builder, Topics.NOTES_RAW, letters,
                n -> n.text().isBlank() ? new Validator.Rejection("empty-text", "note text is empty") : null,
                dedupeRetention, metrics, DOMAIN);
        Pipeline.sink(Pipeline.step(valid, "notes-deid", this::deidentify, letters), Topics.NOTES_DEID,
                DeidentifiedNote::patientPseudonym, metrics, DOMAIN);
    }

    DeidentifiedNote deidentify(ClinicalNote n) {
        DeidResult r = deidentifier.deidentify(Text.paragraphs(n.text()));
        Map<String, Integer> redactions = new TreeMap<>();
        r.counts().forEach((type, count) -> {
            if (count > 0) redactions.put(type.name(), count);
        });
        Map<String, String> groups = new LinkedHashMap<>();
        if (n.patientAge() != null) groups.put("ageBand", ageBand(n.patientAge()));
        if (n.patientSex() != null) groups.put("sex", n.patientSex().wire());
        return new DeidentifiedNote(n.id(), n.eventTime(), n.source(), Event.CURRENT_VERSION,
                pseudonymizer.patient(n.patientId()), r.redactedText(), n.specialty(), n.noteType(),
                groups.isEmpty() ? null : groups, redactions, DEID_VERSION);
    }

    /** Ten-year bands, with 90+ in one band (HIPAA Safe Harbor aggregates ages over 89). */
    public static String ageBand(int age) {
        if (age >= 90) return "90+";
        int lo = age / 10 * 10;
        return lo + "-" + (lo + 9);
    }
}
