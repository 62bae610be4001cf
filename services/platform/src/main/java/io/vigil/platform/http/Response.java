package io.vigil.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a handler returns. JSON bodies are serialised by {@link HttpApi} with its mapper. */
public record Response(int status, String contentType, byte[] body, Object json, Map<String, String> headers) {

    public static Response json(int status, Object body) {
        return new Response(status, "application/json", null, body, Map.of());
    }

    public static Response ok(Object body) {
        return json(200, body);
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), null, Map.of());
    }

    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body, null, Map.of());
    }

    public static Response noContent() {
        return new Response(204, "text/plain", new byte[0], null, Map.of());
    }

    public Response withHeader(String name, String value) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, json, Map.copyOf(h));
    }
}
