package io.vigil.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.NewsArticle;
import io.vigil.topics.events.Sentiment;
import io.vigil.topics.events.Sex;
import io.vigil.topics.events.Transaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * JSON posted to the ingest endpoints (or dropped into the notes folder) -> raw events. One object or an
 * array of them; ids are optional and, when absent, derived from the content so a re-post dedupes.
 */
public final class Inputs {

    private static final Set<String> NEWS_FIELDS = Set.of("id", "eventTime", "source", "title", "body", "url", "language", "tickers", "label");
    private static final Set<String> TXN_FIELDS = Set.of("id", "eventTime", "source", "accountId", "counterpartyId", "amount",
            "currency", "type", "category", "groups", "latitude", "longitude", "fraudLabel", "balanceBefore");
    private static final Set<String> NOTE_FIELDS = Set.of("id", "eventTime", "source", "patientId", "text", "specialty",
            "noteType", "encounterId", "patientAge", "patientSex");

    private Inputs() {
    }

    static <T> List<T> each(JsonNode body, BiFunction<JsonNode, String, T> one) {
        List<T> out = new ArrayList<>();
        if (body.isArray()) {
            if (body.isEmpty()) throw new InputException("$ is an empty list");
            for (int i = 0; i < body.size(); i++) out.add(one.apply(body.get(i), "$[" + i + "]"));
        } else {
            out.add(one.apply(body, "$"));
        }
        return out;
    }

    public static List<NewsArticle> news(JsonNode body, Instant now) {
        return each(body, (n, path) -> {
            JsonFields f = new JsonFields(n, path);
            f.onlyKnown(NEWS_FIELDS);
            String title = f.requiredString("title");
            String url = f.string("url");
            String id = f.string("id");
            if (id == null) id = url != null && !url.isBlank() ? Ids.hashed("news", url.strip()) : Ids.hashed("news", title, f.string("body"));
            String label = f.string("label");
            Sentiment sentiment = null;
            if (label != null) {
                try {
                    sentiment = Sentiment.valueOf(label.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InputException(f.at("label") + " must be negative, neutral or positive");
                }
            }
            return new NewsArticle(id, f.instant("eventTime", now), orDefault(f.string("source"), "http"), Event.CURRENT_VERSION,
                    title, f.string("body"), url, f.string("language"), f.strings("tickers"), sentiment);
        });
    }

    public static List<Transaction> transactions(JsonNode body, Instant now) {
        return each(body, (n, path) -> {
            JsonFields f = new JsonFields(n, path);
            f.onlyKnown(TXN_FIELDS);
            String account = f.requiredString("accountId");
            String counterparty = f.requiredString("counterpartyId");
            var amount = f.requiredDecimal("amount");
            String currency = f.requiredString("currency");
            String type = f.requiredString("type").strip().toUpperCase(Locale.ROOT);
            Instant at = f.instant("eventTime", now);
            String id = f.string("id");
            if (id == null) id = Ids.hashed("txn", account, counterparty, amount.toPlainString(), currency, type, at.toString());
            return new Transaction(id, at, orDefault(f.string("source"), "http"), Event.CURRENT_VERSION, account, counterparty,
                    amount, currency, type, f.string("category"), f.stringMap("groups"), f.optionalDouble("latitude"),
                    f.optionalDouble("longitude"), f.optionalBoolean("fraudLabel"), f.optionalDecimal("balanceBefore"));
        });
    }

    /** A plain note object; a missing id is a keyed pseudonym of patient + text (no PHI in the id). */
    public static ClinicalNote note(JsonNode n, String path, Instant now, Pseudonymizer ids) {
        JsonFields f = new JsonFields(n, path);
        f.onlyKnown(NOTE_FIELDS);
        String patient = f.requiredString("patientId");
        String text = f.string("text");
        if (text == null) throw new InputException(f.at("text") + " is required");
        String id = f.string("id");
        if (id == null) id = ids.pseudonym("note", patient + "\u0000" + orDefault(f.string("encounterId"), "") + "\u0000" + text);
        return new ClinicalNote(id, f.instant("eventTime", now), orDefault(f.string("source"), "http"), Event.CURRENT_VERSION,
                patient, text, f.string("specialty"), f.string("noteType"), f.string("encounterId"), f.optionalInt("patientAge"),
                sex(f.string("patientSex"), f.at("patientSex")));
    }

    static Sex sex(String s, String path) {
        if (s == null) return null;
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "female", "f" -> Sex.FEMALE;
            case "male", "m" -> Sex.MALE;
            case "other" -> Sex.OTHER;
            case "unknown", "u" -> Sex.UNKNOWN;
            default -> throw new InputException(path + " must be female, male, other or unknown");
        };
    }

    /** Notes: FHIR (an object with resourceType) or plain note objects. */
    public static List<ClinicalNote> notes(JsonNode body, Instant now, Pseudonymizer ids) {
        if (body.isObject() && body.has("resourceType")) return FhirNotes.parse(body, now, ids);
        return each(body, (n, path) -> note(n, path, now, ids));
    }

    static String orDefault(String s, String d) {
        return s == null || s.isBlank() ? d : s;
    }
}
