package io.vigil.topics.indices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The Elasticsearch index catalog, read from {@code /vigil/indices/indices.yaml} on the classpath. */
public final class IndexCatalog {

    public static final String RESOURCE = "/vigil/indices/indices.yaml";

    private static volatile IndexCatalog standard;

    private final List<ComponentTemplateSpec> componentTemplates;
    private final Map<String, IndexFamily> families;

    private IndexCatalog(List<ComponentTemplateSpec> componentTemplates, Map<String, IndexFamily> families) {
        this.componentTemplates = List.copyOf(componentTemplates);
        this.families = Collections.unmodifiableMap(families);
    }

    /** The catalog shipped with this build (parsed once). */
    public static IndexCatalog standard() {
        IndexCatalog c = standard;
        if (c == null) {
            synchronized (IndexCatalog.class) {
                if (standard == null) {
                    try (InputStream in = IndexCatalog.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) throw new IllegalStateException("index catalog " + RESOURCE + " is not on the classpath");
                        standard = parse(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read index catalog " + RESOURCE, e);
                    }
                }
                c = standard;
            }
        }
        return c;
    }

    /** Parses a catalog document (the format of indices.yaml). */
    public static IndexCatalog parse(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        if (root == null) throw new IllegalArgumentException("empty index catalog");
        List<ComponentTemplateSpec> components = new ArrayList<>();
        root.path("componentTemplates").properties()
                .forEach(e -> components.add(new ComponentTemplateSpec(e.getKey(), e.getValue().asText())));
        JsonNode entries = root.path("families");
        if (!entries.isObject() || entries.isEmpty()) throw new IllegalArgumentException("catalog has no 'families' section");
        Map<String, IndexFamily> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries.properties()) {
            String name = e.getKey();
            JsonNode f = e.getValue();
            List<String> topics = new ArrayList<>();
            f.path("topics").forEach(t -> topics.add(t.asText()));
            String template = f.path("template").asText(null);
            if (template == null || template.isBlank()) throw new IllegalArgumentException("family " + name + " declares no template");
            Integer retention = f.hasNonNull("retentionDays") ? f.get("retentionDays").asInt() : null;
            out.put(name, IndexFamily.of(name, topics, template, retention, f.path("description").asText("")));
        }
        return new IndexCatalog(components, out);
    }

    public List<IndexFamily> families() {
        return List.copyOf(families.values());
    }

    public IndexFamily family(String name) {
        IndexFamily f = families.get(name);
        if (f == null) throw new NoSuchElementException("index family '" + name + "' is not in the catalog " + RESOURCE);
        return f;
    }

    /** The family that indexes events of {@code topic}, if any (every *.dlq topic maps to vigil-deadletters). */
    public Optional<IndexFamily> familyForTopic(String topic) {
        return families.values().stream().filter(f -> f.sourceTopics().contains(topic)).findFirst();
    }

    /** The family owning a concrete daily index name, if any. */
    public Optional<IndexFamily> familyOfIndex(String index) {
        return families.values().stream().filter(f -> f.owns(index)).findFirst();
    }

    public List<ComponentTemplateSpec> componentTemplates() {
        return componentTemplates;
    }

    static String readResource(String resource) {
        String path = resource.startsWith("/") ? resource : "/" + resource;
        try (InputStream in = IndexCatalog.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("index resource " + path + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index resource " + path, e);
        }
    }
}
