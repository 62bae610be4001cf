package io.vigil.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One HTTP request as a handler sees it: path parameters, query, headers and the body. */
public record Request(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query,
                      Map<String, List<String>> headers, byte[] body, ObjectMapper mapper) {

    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) throw new IllegalStateException("route has no path parameter {" + name + "}");
        return v;
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public int intQueryParam(String name, int defaultValue) {
        Optional<String> v = queryParam(name);
        if (v.isEmpty()) return defaultValue;
        try {
            return Integer.parseInt(v.get().trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be an integer, not '" + v.get() + "'");
        }
    }

    /** A header, case-insensitively. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    /** The body as strict UTF-8 text; invalid bytes are a 400, not silently replaced. */
    public String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("request body is not valid UTF-8");
        }
    }

    /** The body as a JSON tree; malformed JSON is a 400 naming the position. */
    public JsonNode json() {
        if (body.length == 0) throw ApiException.badRequest("request body is empty; expected JSON");
        try {
            return mapper.readTree(text());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
    }

    /** The body bound to a type; a missing or mistyped field is a 400 that names it. */
    public <T> T json(Class<T> type) {
        JsonNode tree = json();
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw ApiException.badRequest((field.isEmpty() ? "" : "field '" + field + "': ") + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read request body: " + e.getMessage());
        }
    }
}
