package io.vigil.indexer.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.topics.indices.ComponentTemplateSpec;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.indices.IndexFamily;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Field name -> Elasticsearch type of one family, as its templates declare it (component + index template + dynamic templates). */
final class MappingFields {

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<Pattern, String> dynamic = new LinkedHashMap<>();

    MappingFields(IndexFamily family) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (ComponentTemplateSpec c : IndexCatalog.standard().componentTemplates()) read(json.readTree(c.json()));
        read(json.readTree(family.templateJson()));
    }

    private void read(JsonNode template) {
        JsonNode mappings = template.path("template").path("mappings");
        walk(mappings.path("properties"), "");
        for (JsonNode dt : mappings.path("dynamic_templates")) {
            dt.properties().forEach(e -> {
                String type = e.getValue().path("mapping").path("type").asText();
                for (JsonNode glob : e.getValue().path("path_match")) {
                    dynamic.put(Pattern.compile(Pattern.quote(glob.asText()).replace("*", "\\E[^.]+\\Q")), type);
                }
            });
        }
    }

    private void walk(JsonNode props, String prefix) {
        props.properties().forEach(e -> {
            String path = prefix + e.getKey();
            JsonNode def = e.getValue();
            fields.put(path, def.path("type").asText("object"));
            def.path("fields").properties().forEach(sub -> fields.put(path + "." + sub.getKey(), sub.getValue().path("type").asText()));
            if (def.has("properties")) walk(def.get("properties"), path + ".");
        });
    }

    /** The type of a field, also for keys under a free-form map (e.g. metrics.accuracy -> double). */
    Optional<String> type(String field) {
        String t = fields.get(field);
        if (t != null) return Optional.of(t);
        return dynamic.entrySet().stream().filter(e -> e.getKey().matcher(field).matches()).map(Map.Entry::getValue).findFirst();
    }

    static boolean numeric(String type) {
        return switch (type) {
            case "float", "double", "integer", "long", "short", "byte", "half_float" -> true;
            default -> false;
        };
    }
}
