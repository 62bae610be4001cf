package io.vigil.topics.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The JSON Schemas of Vigil's events ({@code /vigil/schemas/<Type>.schema.json}), compiled once, and the
 * translation of the validator's messages into {@link Violation}s that name the field.
 */
public final class Schemas {

    public static final String BASE_URI = "https://vigil.io/schemas/";
    public static final String RESOURCE_DIR = "vigil/schemas/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(BASE_URI, "classpath:" + RESOURCE_DIR)));

    // 2020-12 treats "format" as an annotation by default; the contract asserts date-times.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(true)
            .build();

    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    /** Readable reasons for the patterns the schemas use (keyed by the exact pattern). */
    private static final Map<String, String> PATTERN_REASONS = Map.of(
            "\\S", "must not be blank",
            "^\\S+$", "must be non-empty and contain no whitespace",
            "^[A-Z]{3}$", "must be 3 upper-case letters (ISO 4217)",
            "^[0-9a-f]{64}$", "must be 64 lower-case hex digits",
            "^[A-Za-z0-9+/]*={0,2}$", "must be standard base64",
            "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", "must be a BCP-47 language tag such as en or en-US");

    private static final Pattern JSON_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int QUOTE_MAX = 40;

    private Schemas() {
    }

    /** The schema URI of a type, e.g. {@code https://vigil.io/schemas/NewsArticle.schema.json}. */
    public static String uri(String type) {
        return BASE_URI + type + ".schema.json";
    }

    /** True if the type has a schema on the classpath. */
    public static boolean exists(String type) {
        return Schemas.class.getClassLoader().getResource(RESOURCE_DIR + type + ".schema.json") != null;
    }

    /** The compiled schema of a type (compiled on first use, then cached). */
    public static JsonSchema get(String type) {
        return CACHE.computeIfAbsent(type, t -> {
            if (!exists(t)) throw new NoSuchElementException("no JSON Schema " + RESOURCE_DIR + t + ".schema.json on the classpath");
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(uri(t)), CONFIG);
            schema.initializeValidators(); // resolve every $ref now, not on the first event
            return schema;
        });
    }

    /** Validates a document against a type's schema; empty when valid. */
    public static List<Violation> validate(String type, JsonNode document) {
        Set<Violation> out = new LinkedHashSet<>(); // the same fault can be reached twice (e.g. via $ref)
        for (ValidationMessage m : get(type).validate(document)) out.add(toViolation(m));
        return List.copyOf(out);
    }

    static Violation toViolation(ValidationMessage m) {
        String path = m.getInstanceLocation().toString();
        JsonNode value = m.getInstanceNode();
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        String keyword = m.getType() == null ? "" : m.getType();
        return switch (keyword) {
            case "required" -> new Violation(child(path, m.getProperty()), "is missing but it is required");
            case "additionalProperties" -> new Violation(child(path, m.getProperty()),
                    "is not a known property (unknown properties are rejected)");
            case "type" -> new Violation(path, "must be " + arg(args, 1).replace("[", "").replace("]", "").replace(", ", " or ")
                    + " but is " + arg(args, 0));
            case "format" -> new Violation(path, quote(value) + " is not a valid " + arg(args, 0)
                    + ("date-time".equals(arg(args, 0)) ? " (RFC 3339, e.g. 2026-11-22T13:30:00Z)" : ""));
            case "enum" -> new Violation(path, quote(value) + " is not one of " + arg(args, 0));
            case "minimum" -> new Violation(path, quote(value) + " is below the minimum " + arg(args, 0));
            case "maximum" -> new Violation(path, quote(value) + " is above the maximum " + arg(args, 0));
            case "pattern" -> new Violation(path, PATTERN_REASONS.getOrDefault(arg(args, 0), "does not match the pattern " + arg(args, 0)));
            case "maxLength" -> new Violation(path, "must be at most " + arg(args, 0) + " characters long");
            case "minItems" -> new Violation(path, "must have at least " + arg(args, 0) + " item(s)");
            default -> new Violation(path, stripLocation(m.getMessage(), path));
        };
    }

    private static String arg(Object[] args, int i) {
        return i < args.length && args[i] != null ? String.valueOf(args[i]) : "?";
    }

    private static String child(String path, String property) {
        if (property == null) return path;
        return JSON_NAME.matcher(property).matches() ? path + "." + property
                : path + "['" + property.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** A short rendering of an offending value; long values are cut so a reason never carries a whole text. */
    static String quote(JsonNode value) {
        if (value == null || value.isMissingNode()) return "value";
        String s = value.toString();
        return s.length() <= QUOTE_MAX ? s : s.substring(0, QUOTE_MAX) + "...\"";
    }

    private static String stripLocation(String message, String path) {
        String prefix = path + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
    }
}
