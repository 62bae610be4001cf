package io.vigil.feedback;

import io.vigil.platform.http.ApiException;
import io.vigil.platform.http.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves {@code Authorization: Bearer <key>} (or {@code X-API-Key}) to a {@link Principal}. Only
 * SHA-256 hashes are held, compared in constant time, so a config dump or heap dump shows no key.
 */
public final class ApiKeys {

    private final Map<String, Principal> byHash;

    public ApiKeys(List<FeedbackSettings.ApiKeySpec> specs) {
        this.byHash = specs.stream().collect(Collectors.toUnmodifiableMap(
                FeedbackSettings.ApiKeySpec::sha256, s -> new Principal(s.name(), Role.parse(s.role())), (a, b) -> {
                    throw new io.vigil.platform.config.ConfigException("feedback.api-keys: two keys have the same hash");
                }));
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller, or 401 when no key or an unknown key was given. */
    public Principal authenticate(Request req) {
        String key = presented(req).orElseThrow(() ->
                ApiException.unauthorized("missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"));
        byte[] hash = sha256(key).getBytes(StandardCharsets.US_ASCII);
        Principal found = null;
        for (Map.Entry<String, Principal> e : byHash.entrySet()) {
            if (MessageDigest.isEqual(hash, e.getKey().getBytes(StandardCharsets.US_ASCII))) found = e.getValue();
        }
        if (found == null) throw ApiException.unauthorized("unknown API key");
        return found;
    }

    static Optional<String> presented(Request req) {
        Optional<String> auth = req.header("Authorization").map(String::strip)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).strip());
        return auth.or(() -> req.header("X-API-Key").map(String::strip)).filter(k -> !k.isEmpty());
    }

    public int size() {
        return byHash.size();
    }
}
