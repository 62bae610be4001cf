package io.vigil.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.ingest.source.Inputs;
import io.vigil.ingest.source.InputException;
import io.vigil.ingest.source.RawPublisher;
import io.vigil.platform.http.ApiException;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.http.Request;
import io.vigil.platform.http.Response;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.NewsArticle;
import io.vigil.topics.events.Transaction;
import io.vigil.topics.serde.EventValidationException;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /ingest/news}, {@code /ingest/transactions}, {@code /ingest/notes}: JSON (one object or a
 * list); notes also take FHIR R4 (DocumentReference, Bundle) or {@code text/plain} with the metadata as query
 * parameters ({@code patientId} required). All-or-nothing per request: every event is validated before any
 * is written. 202 with the ids once Kafka acknowledged; 400 naming the field otherwise.
 */
public final class IngestRoutes {

    private final RawPublisher publisher;
    private final Pseudonymizer ids;
    private final Clock clock;

    public IngestRoutes(RawPublisher publisher, Pseudonymizer ids, Clock clock) {
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    public void mount(HttpApi api) {
        api.post("/ingest/news", req -> accept(Topics.NEWS_RAW, parse(() -> Inputs.news(req.json(), clock.instant())), NewsArticle::id));
        api.post("/ingest/transactions", req -> accept(Topics.TRANSACTIONS_RAW,
                parse(() -> Inputs.transactions(req.json(), clock.instant())), Transaction::accountId));
        api.post("/ingest/notes", req -> accept(Topics.NOTES_RAW, parse(() -> notes(req)), ClinicalNote::id));
    }

    private List<ClinicalNote> notes(Request req) {
        String ct = req.header("Content-Type").orElse("application/json").toLowerCase(java.util.Locale.ROOT);
        if (!ct.startsWith("text/plain")) return Inputs.notes(req.json(), clock.instant(), ids);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("text", req.text());
        for (String f : List.of("id", "eventTime", "source", "patientId", "specialty", "noteType", "encounterId", "patientSex")) {
            req.queryParam(f).ifPresent(v -> n.put(f, v));
        }
        req.queryParam("patientAge").ifPresent(v -> n.put("patientAge", req.intQueryParam("patientAge", -1)));
        return List.of(Inputs.note(n, "$", clock.instant(), ids));
    }

    private static <T> List<T> parse(java.util.function.Supplier<List<T>> p) {
        try {
            return p.get();
        } catch (InputException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (NullPointerException | IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage() == null ? "invalid input" : e.getMessage());
        }
    }

    private <T extends Event> Response accept(Topic<String, T> topic, List<T> events, Function<T, String> key) {
        try {
            for (T e : events) topic.jsonValueSerde().encode(e); // validate all before writing any
        } catch (EventValidationException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            publisher.publishAll(topic, events.stream().map(e -> new RawPublisher.Keyed<>(key.apply(e), e)).toList(), "http");
        } catch (IllegalStateException e) {
            throw ApiException.unavailable("could not write to Kafka; retry (ids are stable, a retry does not duplicate)");
        }
        return Response.json(202, Map.of("accepted", events.size(), "ids", events.stream().map(Event::id).toList()));
    }

}
