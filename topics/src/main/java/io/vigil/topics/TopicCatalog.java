package io.vigil.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The topic catalog, read from {@code /vigil/topics.yaml} on the classpath. */
public final class TopicCatalog {

    public static final String RESOURCE = "/vigil/topics.yaml";

    private static volatile TopicCatalog standard;

    private final Map<String, TopicSpec> topics;

    private TopicCatalog(Map<String, TopicSpec> topics) {
        this.topics = Collections.unmodifiableMap(topics);
    }

    /** The catalog shipped with this build (parsed once). */
    public static TopicCatalog standard() {
        TopicCatalog c = standard;
        if (c == null) {
            synchronized (TopicCatalog.class) {
                if (standard == null) {
                    try (InputStream in = TopicCatalog.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) throw new IllegalStateException("topic catalog " + RESOURCE + " is not on the classpath");
                        standard = parse(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read topic catalog " + RESOURCE, e);
                    }
                }
                c = standard;
            }
        }
        return c;
    }

    /** Parses a catalog document (the format of topics.yaml). */
    public static TopicCatalog parse(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        JsonNode defaults = root.path("defaults");
        JsonNode entries = root.path("topics");
        if (!entries.isObject() || entries.isEmpty()) throw new IllegalArgumentException("catalog has no 'topics' section");
        Map<String, TopicSpec> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode t = e.getValue();
            Map<String, String> configs = new LinkedHashMap<>();
            defaults.path("configs").fields().forEachRemaining(c -> configs.put(c.getKey(), c.getValue().asText()));
            t.path("configs").fields().forEachRemaining(c -> configs.put(c.getKey(), c.getValue().asText()));
            int partitions = t.path("partitions").asInt(defaults.path("partitions").asInt(1));
            short rf = (short) t.path("replicationFactor").asInt(defaults.path("replicationFactor").asInt(1));
            String value = t.path("value").asText(null);
            if (value == null || value.isBlank()) throw new IllegalArgumentException("topic " + name + " declares no value type");
            out.put(name, new TopicSpec(name, partitions, rf, configs, t.path("key").asText(""), value,
                    t.path("description").asText("")));
        }
        return new TopicCatalog(out);
    }

    public List<TopicSpec> all() {
        return List.copyOf(topics.values());
    }

    public TopicSpec get(String name) {
        TopicSpec spec = topics.get(name);
        if (spec == null) throw new NoSuchElementException("topic '" + name + "' is not in the catalog " + RESOURCE);
        return spec;
    }

    public boolean contains(String name) {
        return topics.containsKey(name);
    }
}
