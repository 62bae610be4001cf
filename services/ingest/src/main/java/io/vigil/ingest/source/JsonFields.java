package io.vigil.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads typed fields from a JSON object, naming the full path of a missing or mistyped one. */
final class JsonFields {

    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path) {
        if (node == null || !node.isObject()) throw new InputException(path + " must be a JSON object");
        this.node = node;
        this.path = path;
    }

    String at(String field) {
        return path + "." + field;
    }

    String string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new InputException(at(field) + " must be a string");
        return v.textValue();
    }

    String requiredString(String field) {
        String s = string(field);
        if (s == null || s.isBlank()) throw new InputException(at(field) + " is required");
        return s;
    }

    BigDecimal requiredDecimal(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new InputException(at(field) + " is required");
        if (v.isNumber()) return v.decimalValue();
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.textValue().strip());
            } catch (NumberFormatException e) {
                throw new InputException(at(field) + " must be a number");
            }
        }
        throw new InputException(at(field) + " must be a number");
    }

    BigDecimal optionalDecimal(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        return requiredDecimal(field);
    }

    Double optionalDouble(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw new InputException(at(field) + " must be a number");
        return v.doubleValue();
    }

    Integer optionalInt(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw new InputException(at(field) + " must be an integer");
        return v.intValue();
    }

    Boolean optionalBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw new InputException(at(field) + " must be true or false");
        return v.booleanValue();
    }

    Instant instant(String field, Instant otherwise) {
        String s = string(field);
        if (s == null) return otherwise;
        try {
            return OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputException(at(field) + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw new InputException(at(field) + " must be a list of strings");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw new InputException(at(field) + "[" + i + "] must be a string");
            out.add(v.get(i).textValue());
        }
        return out;
    }

    Map<String, String> stringMap(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw new InputException(at(field) + " must be an object of strings");
        Map<String, String> out = new LinkedHashMap<>();
        v.properties().forEach(e -> {
            if (!e.getValue().isTextual()) throw new InputException(at(field) + "." + e.getKey() + " must be a string");
            out.put(e.getKey(), e.getValue().textValue());
        });
        return out;
    }

    void onlyKnown(java.util.Set<String> known) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) throw new InputException(at(f) + " is not a known field");
        });
    }
}
