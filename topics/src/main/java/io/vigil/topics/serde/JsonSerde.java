package io.vigil.topics.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka serde for one event record type that validates against the type's JSON Schema in both
 * directions. Stateless and thread-safe: one instance may serve any number of topics and threads.
 *
 * <p>Decoding: bytes -> strict UTF-8 -> JSON -> schema validation -> record. Null bytes are a tombstone
 * and decode to null; a null record encodes to null.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private static final int MESSAGE_MAX = 200;

    private final Class<T> type;
    private final String schemaName;
    private final ObjectMapper mapper = Json.mapper();

    public JsonSerde(Class<T> type, String schemaName) {
        this.type = Objects.requireNonNull(type, "type");
        this.schemaName = Objects.requireNonNull(schemaName, "schemaName");
        Schemas.get(schemaName); // fail at construction, not on the first record, if the schema is missing or broken
    }

    /** A serde whose schema is named after the record class ({@code NewsArticle} -> NewsArticle.schema.json). */
    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type, type.getSimpleName());
    }

    public Class<T> type() {
        return type;
    }

    public String schemaName() {
        return schemaName;
    }

    /** The record as a JSON tree, validated; throws {@link EventValidationException} if it breaks the schema. */
    public JsonNode toTree(T value) {
        JsonNode tree = mapper.valueToTree(Objects.requireNonNull(value, "value"));
        List<Violation> violations = Schemas.validate(schemaName, tree);
        if (!violations.isEmpty()) throw new EventValidationException(schemaName, ErrorKind.SCHEMA, violations);
        return tree;
    }

    /** Validated UTF-8 JSON bytes of the record (null for null). */
    public byte[] encode(T value) {
        if (value == null) return null;
        try {
            return mapper.writeValueAsBytes(toTree(value));
        } catch (JsonProcessingException e) { // cannot happen for a tree, but keep the contract's exception type
            throw new EventValidationException(schemaName, ErrorKind.BINDING, List.of(new Violation("$", e.getOriginalMessage())));
        }
    }

    /** The record of these bytes (null for null); throws {@link EventValidationException} when invalid. */
    public T decode(byte[] bytes) {
        return tryDecode(bytes).orThrow();
    }

    /** Decodes without throwing for bad input: the record, or every reason it is invalid. */
    public DecodeResult<T> tryDecode(byte[] bytes) {
        if (bytes == null) return new DecodeResult.Valid<>(null);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return invalid(ErrorKind.NOT_UTF8, "$", "is not valid UTF-8 (" + e.getMessage() + ")");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return invalid(ErrorKind.MALFORMED_JSON, "$", "is not well-formed JSON" + at(e.getLocation()) + ": " + shorten(e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode()) return invalid(ErrorKind.MALFORMED_JSON, "$", "is not well-formed JSON: the input is empty");
        List<Violation> violations = Schemas.validate(schemaName, tree);
        if (!violations.isEmpty()) return new DecodeResult.Invalid<>(schemaName, ErrorKind.SCHEMA, violations);
        try {
            return new DecodeResult.Valid<>(mapper.treeToValue(tree, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // schema-valid but refused by the record: a cross-field rule in a compact constructor
            return invalid(ErrorKind.BINDING, path(e), shorten(rootMessage(e)));
        }
    }

    private DecodeResult<T> invalid(ErrorKind kind, String path, String reason) {
        return new DecodeResult.Invalid<>(schemaName, kind, List.of(new Violation(path, reason)));
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String path(Exception e) {
        if (!(e instanceof JsonMappingException jme)) return "$";
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : jme.getPath()) {
            if (r.getFieldName() != null) sb.append('.').append(r.getFieldName());
            else if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        if (t instanceof JsonProcessingException jpe) return jpe.getOriginalMessage();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String shorten(String s) {
        if (s == null) return "";
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MESSAGE_MAX ? one : one.substring(0, MESSAGE_MAX) + "...";
    }

    // --- Kafka ---------------------------------------------------------------------------------

    @Override
    public byte[] serialize(String topic, T data) {
        return encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return decode(data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the mapper and schemas are fixed by the contract
    }

    @Override
    public void close() {
        // stateless
    }

    @Override
    public String toString() {
        return "JsonSerde[" + schemaName + "]";
    }
}
