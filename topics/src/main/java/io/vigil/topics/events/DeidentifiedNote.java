package io.vigil.topics.events;

import java.time.Instant;
import java.util.Map;

/**
 * A de-identified clinical note ({@code notes.deid}): no raw text, no raw patient id.
 *
 * @param patientPseudonym keyed HMAC of the patient id
 * @param text             redacted text with placeholders such as {@code [NAME]}, {@code [DATE]}
 * @param specialty        nullable
 * @param noteType         nullable
 * @param groups           nullable fairness groups ({@code ageBand}, {@code sex})
 * @param redactions       placeholder type -> count
 * @param deidVersion      version of the de-identifier
 */
public record DeidentifiedNote(String id, Instant eventTime, String source, int version,
                               String patientPseudonym, String text, String specialty, String noteType,
                               Map<String, String> groups, Map<String, Integer> redactions, String deidVersion)
        implements Event {

    public DeidentifiedNote {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(patientPseudonym, "patientPseudonym");
        Fields.required(text, "text");
        groups = Fields.copy(groups);
        redactions = Fields.copyRequired(redactions, "redactions");
        Fields.required(deidVersion, "deidVersion");
    }
}
