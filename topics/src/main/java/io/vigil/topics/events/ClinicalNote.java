package io.vigil.topics.events;

import java.time.Instant;

/**
 * A clinical note with protected health information ({@code notes.raw}, the only place raw patient text
 * may exist). {@link #toString()} withholds the text and patient id so a log line never leaks them.
 *
 * @param text        may be empty; ingest decides
 * @param specialty   nullable
 * @param noteType    nullable
 * @param encounterId nullable
 * @param patientAge  nullable, 0..150
 * @param patientSex  nullable
 */
public record ClinicalNote(String id, Instant eventTime, String source, int version,
                           String patientId, String text, String specialty, String noteType, String encounterId,
                           Integer patientAge, Sex patientSex) implements Event {

    public ClinicalNote {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(patientId, "patientId");
        Fields.required(text, "text");
    }

    @Override
    public String toString() {
        return "ClinicalNote[id=" + id + ", eventTime=" + eventTime + ", source=" + source + ", version=" + version
                + ", patientId=<withheld>, text=<" + text.length() + " chars withheld>, specialty=" + specialty
                + ", noteType=" + noteType + "]";
    }
}
