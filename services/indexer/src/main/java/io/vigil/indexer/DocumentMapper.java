package io.vigil.indexer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.indices.IndexFamily;
import io.vigil.topics.serde.DecodeResult;
import io.vigil.topics.serde.Json;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Turns a record of an indexed topic into its Elasticsearch document: the event JSON exactly as the topic's
 * serde writes it, plus the two dates the templates declare ({@code @timestamp} = eventTime for Kibana,
 * {@code indexedAt} = now). Index = the family's daily index of the event time; {@code _id} = the event id
 * (model + ":" + version for model releases, whose compacted topic is keyed by model).
 */
final class DocumentMapper {

    private final Map<String, Route> routes = new HashMap<>();
    private final ObjectMapper mapper = Json.mapper();
    private final Clock clock;

    private record Route(Topic<String, ?> topic, IndexFamily family) {
    }

    DocumentMapper(IndexCatalog catalog, Clock clock) {
        this.clock = clock;
        for (Topic<String, ?> t : Topics.all()) {
            catalog.familyForTopic(t.name()).ifPresent(f -> routes.put(t.name(), new Route(t, f)));
        }
    }

    /** True when some index family takes this topic's events. */
    boolean indexes(String topic) {
        return routes.containsKey(topic);
    }

    IndexFamily familyOf(String topic) {
        Route r = routes.get(topic);
        if (r == null) throw new NoSuchElementException("no index family takes topic " + topic);
        return r.family();
    }

    IndexDocument map(String topic, byte[] value) {
        Route route = routes.get(topic);
        if (route == null) return new IndexDocument.Reject("no index family takes topic " + topic, "no-index-family");
        if (value == null) return new IndexDocument.Skip("tombstone");
        return map(route, value);
    }

    private <V> IndexDocument map(Route route, byte[] value) {
        @SuppressWarnings("unchecked")
        Topic<String, V> topic = (Topic<String, V>) route.topic();
        DecodeResult<V> decoded = topic.jsonValueSerde().tryDecode(value);
        if (decoded instanceof DecodeResult.Invalid<V> invalid) {
            return new IndexDocument.Reject("cannot decode a record of " + topic.name() + ": " + invalid.message(),
                    invalid.kind().wire());
        }
        V event = decoded.orThrow();
        if (event == null) return new IndexDocument.Skip("tombstone");
        Event e = (Event) event;
        ObjectNode doc;
        try { // the bytes just passed the schema: re-reading them is much cheaper than validating the record again
            doc = (ObjectNode) mapper.readTree(value);
        } catch (java.io.IOException ex) {
            return new IndexDocument.Reject("cannot re-read a decoded record: " + ex.getMessage(), "malformed-json");
        }
        // Never ship a dead letter's original bytes: the mapping neither indexes nor stores them anyway.
        doc.remove("originalBase64");
        JsonNode eventTime = doc.get("eventTime");
        doc.set("@timestamp", eventTime);
        doc.put("indexedAt", clock.instant().toString());
        String id = e instanceof ModelRelease m ? m.model() + ":" + m.modelVersion() : e.id();
        try {
            return new IndexDocument.Doc(route.family(), route.family().dailyIndex(e.eventTime()), id, mapper.writeValueAsBytes(doc));
        } catch (JsonProcessingException ex) { // a tree always serialises; keep the failure visible if it does not
            return new IndexDocument.Reject("cannot serialise the document: " + ex.getOriginalMessage(), "binding");
        }
    }
}
