package io.vigil.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.Sex;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FHIR R4 JSON -> clinical notes, read with Jackson against the R4 resource definitions (only the fields a
 * note needs; HAPI's structures jar was not pulled in, see the README). Accepts a {@code DocumentReference}
 * or a {@code Bundle} of them (with optional {@code Patient} entries for sex and age). Per R4:
 * <ul>
 *   <li>text: the first {@code content[].attachment} with inline base64 {@code data} and a {@code text/*}
 *       contentType (charset parameter honoured, UTF-8 by default); url-only attachments are not fetched;</li>
 *   <li>patient: {@code subject.reference} ({@code Patient/<id>}) or {@code subject.identifier.value};</li>
 *   <li>time: {@code date}, else {@code context.period.start}, else the attachment's {@code creation}, else now;</li>
 *   <li>noteType: {@code type.text} or {@code type.coding[0].display}; specialty: {@code context.practiceSetting};
 *       encounter: {@code context.encounter[0].reference}; id: {@code fhir-<DocumentReference.id>}.</li>
 * </ul>
 */
public final class FhirNotes {

    private FhirNotes() {
    }

    public static List<ClinicalNote> parse(JsonNode root, Instant now, Pseudonymizer ids) {
        String type = root.path("resourceType").asText("");
        return switch (type) {
            case "DocumentReference" -> List.of(documentReference(root, "DocumentReference", now, Map.of(), ids));
            case "Bundle" -> bundle(root, now, ids);
            default -> throw new InputException("$.resourceType must be DocumentReference or Bundle, not '" + cut(type) + "'");
        };
    }

    private static List<ClinicalNote> bundle(JsonNode root, Instant now, Pseudonymizer ids) {
        JsonNode entries = root.path("entry");
        if (!entries.isArray() || entries.isEmpty()) throw new InputException("Bundle.entry is required (a list of entries)");
        Map<String, JsonNode> patients = new HashMap<>();
        for (JsonNode e : entries) {
            JsonNode r = e.path("resource");
            if ("Patient".equals(r.path("resourceType").asText())) {
                if (r.hasNonNull("id")) patients.put("Patient/" + r.get("id").asText(), r);
                if (e.hasNonNull("fullUrl")) patients.put(e.get("fullUrl").asText(), r);
            }
        }
        List<ClinicalNote> notes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode r = entries.get(i).path("resource");
            if ("DocumentReference".equals(r.path("resourceType").asText())) {
                notes.add(documentReference(r, "Bundle.entry[" + i + "].resource", now, patients, ids));
            }
        }
        if (notes.isEmpty()) throw new InputException("Bundle.entry holds no DocumentReference");
        return notes;
    }

    private static ClinicalNote documentReference(JsonNode d, String path, Instant now, Map<String, JsonNode> patients,
                                                  Pseudonymizer ids) {
        String status = d.path("status").asText("");
        if (status.isEmpty()) throw new InputException(path + ".status is required");
        if (status.equals("entered-in-error")) throw new InputException(path + ".status is entered-in-error");
        JsonNode subject = d.path("subject");
        String ref = subject.path("reference").asText("");
        String patientId = ref.startsWith("Patient/") ? ref.substring("Patient/".length())
                : subject.path("identifier").path("value").asText(ref.startsWith("urn:") ? ref : "");
        if (patientId.isBlank()) throw new InputException(path + ".subject.reference (Patient/<id>) or subject.identifier.value is required");
        JsonNode content = d.path("content");
        if (!content.isArray() || content.isEmpty()) throw new InputException(path + ".content is required");
        String text = null;
        Instant created = null;
        for (int i = 0; i < content.size() && text == null; i++) {
            JsonNode a = content.get(i).path("attachment");
            String ct = a.path("contentType").asText("text/plain");
            if (!a.hasNonNull("data")) continue;
            if (!ct.toLowerCase(Locale.ROOT).startsWith("text/")) continue;
            text = decode(a.get("data").asText(), ct, path + ".content[" + i + "].attachment");
            created = instant(a.path("creation"), path + ".content[" + i + "].attachment.creation");
        }
        if (text == null) throw new InputException(path + ".content[].attachment needs inline base64 data with a text/* contentType");
        Instant at = instant(d.path("date"), path + ".date");
        if (at == null) at = instant(d.path("context").path("period").path("start"), path + ".context.period.start");
        if (at == null) at = created != null ? created : now;
        String noteType = d.path("type").path("text").asText(null);
        if (noteType == null) noteType = d.path("type").path("coding").path(0).path("display").asText(null);
        JsonNode setting = d.path("context").path("practiceSetting");
        String specialty = setting.path("text").asText(null);
        if (specialty == null) specialty = setting.path("coding").path(0).path("display").asText(null);
        String encounter = d.path("context").path("encounter").path(0).path("reference").asText(null);
        String fhirId = d.path("id").asText("");
        String id = fhirId.matches("[A-Za-z0-9\\-.]{1,64}") ? "fhir-" + fhirId
                : ids.pseudonym("note", patientId + "\u0000" + text);
        JsonNode patient = patients.get(ref);
        Sex sex = null;
        Integer age = null;
        if (patient != null) {
            sex = switch (patient.path("gender").asText("")) {
                case "female" -> Sex.FEMALE;
                case "male" -> Sex.MALE;
                case "other" -> Sex.OTHER;
                case "unknown" -> Sex.UNKNOWN;
                default -> null;
            };
            String birth = patient.path("birthDate").asText("");
            if (birth.matches("\\d{4}-\\d{2}-\\d{2}")) {
                int years = Period.between(LocalDate.parse(birth), at.atZone(ZoneOffset.UTC).toLocalDate()).getYears();
                if (years >= 0 && years <= 150) age = years;
            }
        }
        return new ClinicalNote(id, at, "fhir", Event.CURRENT_VERSION, patientId, text, specialty, noteType, encounter, age, sex);
    }

    private static String decode(String base64, String contentType, String path) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
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

    private static Instant instant(JsonNode n, String path) {
        if (n == null || n.isMissingNode() || n.isNull()) return null;
        String s = n.asText("");
        try {
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputException(path + " must be a FHIR instant/dateTime");
        }
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
