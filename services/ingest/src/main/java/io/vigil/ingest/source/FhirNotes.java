package io.vigil.ingest.source;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.Sex;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FHIR R4 JSON -> clinical notes, parsed with HAPI FHIR's R4 structures ({@code hapi-fhir-structures-r4}).
 * Accepts a {@code DocumentReference} or a {@code Bundle} of them (with optional {@code Patient} entries for sex
 * and age). Per R4:
 * <ul>
 *   <li>text: the first {@code content[].attachment} with inline base64 {@code data} and a {@code text/*}
 *       contentType (charset parameter honoured, UTF-8 by default); url-only attachments are not fetched;</li>
 *   <li>patient: {@code subject.reference} ({@code Patient/<id>}) or {@code subject.identifier.value};</li>
 *   <li>time: {@code date}, else {@code context.period.start}, else the attachment's {@code creation}, else now;</li>
 *   <li>noteType: {@code type.text} or {@code type.coding[0].display}; specialty: {@code context.practiceSetting};
 *       encounter: {@code context.encounter[0].reference}; id: {@code fhir-<DocumentReference.id>}.</li>
 * </ul>
 * Unknown elements are ignored (other profiles add their own); a value of the wrong JSON type or an invalid code
 * is refused naming the element only: HAPI's own messages quote values, which may be patient text.
 */
public final class FhirNotes {

    /** Expensive to build (scans the R4 model), thread-safe: one per JVM. Parsers are cheap and not shared. */
    private static final class Holder {
        static final FhirContext R4 = FhirContext.forR4Cached();
    }

    private FhirNotes() {
    }

    public static List<ClinicalNote> parse(JsonNode root, Instant now, Pseudonymizer ids) {
        String type = root.path("resourceType").asText("");
        return switch (type) {
            case "DocumentReference" -> {
                checkBase64(root, "DocumentReference");
                yield List.of(documentReference(read(root, DocumentReference.class), "DocumentReference", now, Map.of(), ids));
            }
            case "Bundle" -> {
                JsonNode entries = root.path("entry");
                for (int i = 0; i < entries.size(); i++) {
                    JsonNode r = entries.get(i).path("resource");
                    if ("DocumentReference".equals(r.path("resourceType").asText())) checkBase64(r, "Bundle.entry[" + i + "].resource");
                }
                yield bundle(read(root, Bundle.class), now, ids);
            }
            default -> throw new InputException("$.resourceType must be DocumentReference or Bundle, not '" + cut(type) + "'");
        };
    }

    /**
     * Attachment data is checked before HAPI parses it: HAPI refuses bad base64 too, but can only say which element
     * name held it, not which content entry of which Bundle entry.
     */
    private static void checkBase64(JsonNode documentReference, String path) {
        JsonNode content = documentReference.path("content");
        for (int i = 0; i < content.size(); i++) {
            JsonNode data = content.get(i).path("attachment").path("data");
            if (data.isTextual()) {
                try {
                    base64(data.asText());
                } catch (IllegalArgumentException e) {
                    throw new InputException(path + ".content[" + i + "].attachment.data is not valid base64");
                }
            }
        }
    }

    private static <T extends Resource> T read(JsonNode root, Class<T> type) {
        IParser parser = Holder.R4.newJsonParser().setParserErrorHandler(new Refusals(type.getSimpleName()));
        try {
            return parser.parseResource(type, root.toString());
        } catch (DataFormatException e) {
            throw new InputException(type.getSimpleName() + " is not valid FHIR R4 JSON");
        }
    }

    /** Turns HAPI's complaints into InputExceptions that name the element, never its value. */
    private static final class Refusals extends ErrorHandlerAdapter {
        private final String resource;

        Refusals(String resource) {
            this.resource = resource;
        }

        private String at(IParseLocation loc, String element) {
            String parent = loc == null ? null : loc.getParentElementName();
            return resource + (parent == null ? "" : "." + parent) + (element == null ? "" : "." + element);
        }

        @Override
        public void incorrectJsonType(IParseLocation loc, String element, BaseJsonLikeValue.ValueType expected,
                                      BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                                      BaseJsonLikeValue.ScalarType foundScalar) {
            throw new InputException(at(loc, element) + " must be a JSON " + (expectedScalar != null ? expectedScalar : expected)
                    .toString().toLowerCase(Locale.ROOT));
        }

        @Override
        public void invalidValue(IParseLocation loc, String value, String error) {
            if (value == null || value.isEmpty()) {
                return; // an empty string is treated as absent: the required-field checks then name the path
            }
            String parent = loc == null ? null : loc.getParentElementName();
            throw new InputException(resource + (parent == null ? "" : " element '" + parent + "'") + " holds an invalid value");
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation loc, String element) {
            throw new InputException(at(loc, element) + " must not repeat");
        }
    }

    private static List<ClinicalNote> bundle(Bundle b, Instant now, Pseudonymizer ids) {
        if (b.getEntry().isEmpty()) throw new InputException("Bundle.entry is required (a list of entries)");
        Map<String, Patient> patients = new HashMap<>();
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() instanceof Patient p) {
                if (p.getIdElement().hasIdPart()) patients.put("Patient/" + p.getIdElement().getIdPart(), p);
                if (e.hasFullUrl()) patients.put(e.getFullUrl(), p);
            }
        }
        List<ClinicalNote> notes = new ArrayList<>();
        for (int i = 0; i < b.getEntry().size(); i++) {
            if (b.getEntry().get(i).getResource() instanceof DocumentReference d) {
                notes.add(documentReference(d, "Bundle.entry[" + i + "].resource", now, patients, ids));
            }
        }
        if (notes.isEmpty()) throw new InputException("Bundle.entry holds no DocumentReference");
        return notes;
    }

    private static ClinicalNote documentReference(DocumentReference d, String path, Instant now, Map<String, Patient> patients,
                                                  Pseudonymizer ids) {
        if (!d.hasStatus()) throw new InputException(path + ".status is required");
        if (d.getStatus() == Enumerations.DocumentReferenceStatus.ENTEREDINERROR) {
            throw new InputException(path + ".status is entered-in-error");
        }
        Reference subject = d.getSubject();
        String ref = subject.hasReference() ? subject.getReference() : "";
        String patientId = ref.startsWith("Patient/") ? ref.substring("Patient/".length())
                : subject.hasIdentifier() && subject.getIdentifier().hasValue() ? subject.getIdentifier().getValue()
                : ref.startsWith("urn:") ? ref : "";
        if (patientId.isBlank()) throw new InputException(path + ".subject.reference (Patient/<id>) or subject.identifier.value is required");
        if (d.getContent().isEmpty()) throw new InputException(path + ".content is required");
        String text = null;
        Instant created = null;
        for (int i = 0; i < d.getContent().size() && text == null; i++) {
            Attachment a = d.getContent().get(i).getAttachment();
            String ct = a.hasContentType() ? a.getContentType() : "text/plain";
            // the raw base64 string: decoded here so that bad base64 is refused, not silently dropped
            String data = a.getDataElement().getValueAsString();
            if (data == null || data.isEmpty()) continue;
            if (!ct.toLowerCase(Locale.ROOT).startsWith("text/")) continue;
            text = decode(data, ct, path + ".content[" + i + "].attachment");
            created = instant(a.getCreationElement());
        }
        if (text == null) throw new InputException(path + ".content[].attachment needs inline base64 data with a text/* contentType");
        Instant at = instant(d.getDateElement());
        if (at == null && d.hasContext() && d.getContext().hasPeriod()) at = instant(d.getContext().getPeriod().getStartElement());
        if (at == null) at = created != null ? created : now;
        String noteType = concept(d.getType());
        String specialty = d.hasContext() ? concept(d.getContext().getPracticeSetting()) : null;
        String encounter = d.hasContext() && d.getContext().hasEncounter() && d.getContext().getEncounterFirstRep().hasReference()
                ? d.getContext().getEncounterFirstRep().getReference() : null;
        String fhirId = d.getIdElement().hasIdPart() ? d.getIdElement().getIdPart() : "";
        String id = fhirId.matches("[A-Za-z0-9\\-.]{1,64}") ? "fhir-" + fhirId
                : ids.pseudonym("note", patientId + "\u0000" + text);
        Patient patient = patients.get(ref);
        Sex sex = null;
        Integer age = null;
        if (patient != null) {
            sex = patient.hasGender() ? switch (patient.getGender()) {
                case FEMALE -> Sex.FEMALE;
                case MALE -> Sex.MALE;
                case OTHER -> Sex.OTHER;
                case UNKNOWN -> Sex.UNKNOWN;
                default -> null;
            } : null;
            if (patient.hasBirthDateElement() && patient.getBirthDateElement().getPrecision() == ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
                var birth = patient.getBirthDateElement();
                var on = at.atZone(ZoneOffset.UTC).toLocalDate();
                int years = Period.between(java.time.LocalDate.of(birth.getYear(), birth.getMonth() + 1, birth.getDay()), on).getYears();
                if (years >= 0 && years <= 150) age = years;
            }
        }
        return new ClinicalNote(id, at, "fhir", Event.CURRENT_VERSION, patientId, text, specialty, noteType, encounter, age, sex);
    }

    private static String concept(CodeableConcept c) {
        if (c == null || c.isEmpty()) return null;
        if (c.hasText()) return c.getText();
        return c.hasCoding() && c.getCodingFirstRep().hasDisplay() ? c.getCodingFirstRep().getDisplay() : null;
    }

    private static Instant instant(BaseDateTimeType t) {
        if (t == null || t.getValue() == null) return null;
        if (t.getPrecision().ordinal() <= ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            // a date without time: midnight UTC of that day (no time zone to honour)
            return java.time.LocalDate.of(t.getYear(), t.getMonth() + 1, t.getPrecision() == ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY ? t.getDay() : 1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return t.getValue().toInstant();
    }

    private static String decode(String base64, String contentType, String path) {
        byte[] bytes;
        try {
            bytes = base64(base64);
        } catch (IllegalArgumentException e) {
            throw new InputException(path + ".data is not valid base64");
        }
        Charset cs = StandardCharsets.UTF_8;
        for (String p : contentType.split(";")) {
            String t = p.strip();
            if (t.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    cs = Charset.forName(t.substring(8).replace("\"", ""));
                } catch (RuntimeException e) {
                    throw new InputException(path + ".contentType names an unknown charset");
                }
            }
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(path + ".data is not valid " + cs.name());
        }
    }

    /** Strict base64 (line breaks and blanks allowed, nothing else): the MIME decoder would skip any junk. */
    private static byte[] base64(String s) {
        return Base64.getDecoder().decode(s.replaceAll("[\\s]", ""));
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
