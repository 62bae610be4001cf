package io.vigil.platform.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Vigil's configuration: one tree built from four layers, later layers winning:
 * <ol>
 *   <li>defaults: every {@code vigil-defaults.yaml} on the classpath (each module ships its own section);</li>
 *   <li>a YAML config file ({@code --config});</li>
 *   <li>environment variables {@code VIGIL_<SECTION>__<KEY>}: {@code __} separates levels and {@code _}
 *       stands for {@code -}, e.g. {@code VIGIL_KAFKA__BOOTSTRAP_SERVERS} sets {@code kafka.bootstrap-servers};</li>
 *   <li>command-line overrides ({@code --set kafka.bootstrap-servers=host:9092}).</li>
 * </ol>
 * Sections are bound to typed records with {@link #bind(String, Class)} (kebab-case keys). Keys that no
 * default declares are reported as warnings: a typo should not pass silently. {@link #describe()} masks
 * every value whose key looks secret.
 */
public final class VigilConfig {

    public static final String DEFAULTS_RESOURCE = "vigil-defaults.yaml";
    private static final Logger log = LoggerFactory.getLogger(VigilConfig.class);
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|api-key|token|credential|hmac-key|private).*|.*-key");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper BINDER = new ObjectMapper()
            .findAndRegisterModules()
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ObjectNode tree;
    private final Map<String, String> origins;
    private final List<String> warnings;

    private VigilConfig(ObjectNode tree, Map<String, String> origins, List<String> warnings) {
        this.tree = tree;
        this.origins = origins;
        this.warnings = List.copyOf(warnings);
    }

    /** Defaults only: what tests and embedded use start from. */
    public static VigilConfig defaults() {
        return load(null, Map.of(), Map.of());
    }

    /**
     * @param configFile a YAML file, or null
     * @param env        the environment (normally {@link System#getenv()})
     * @param overrides  dotted key -> value from the command line
     */
    public static VigilConfig load(Path configFile, Map<String, String> env, Map<String, String> overrides) {
        return loadAll(configFile == null ? java.util.List.of() : java.util.List.of(configFile), env, overrides);
    }

    /** As {@link #load(Path, Map, Map)} with several files, later files winning over earlier ones. */
    public static VigilConfig loadAll(List<Path> configFiles, Map<String, String> env, Map<String, String> overrides) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        Map<String, String> origins = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        for (URL url : defaultResources()) {
            try (InputStream in = url.openStream()) {
                JsonNode node = YAML.readTree(in);
                if (node instanceof ObjectNode o) merge(tree, o, "", origins, "default", null);
            } catch (IOException e) {
                throw new ConfigException("cannot read defaults " + url + ": " + e.getMessage());
            }
        }
        ObjectNode declared = tree.deepCopy();
        for (Path configFile : configFiles) {
            if (!Files.isRegularFile(configFile)) throw new ConfigException("config file " + configFile + " does not exist");
            try (InputStream in = Files.newInputStream(configFile)) {
                JsonNode node = YAML.readTree(in);
                if (node != null && !node.isMissingNode() && !node.isNull()) {
                    if (!(node instanceof ObjectNode o)) throw new ConfigException("config file " + configFile + " is not a YAML mapping");
                    merge(tree, o, "", origins, "file " + configFile.getFileName(), warnings);
                }
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + configFile + ": " + e.getMessage());
            }
        }
        env.forEach((name, value) -> {
            if (!name.startsWith("VIGIL_") || name.length() <= 6) return;
            String key = envToKey(name);
            set(tree, declared, key, value, origins, "environment " + name, warnings);
        });
        overrides.forEach((key, value) -> set(tree, declared, key, value, origins, "command line", warnings));
        warnings.forEach(w -> log.warn("Configuration: {}", w));
        return new VigilConfig(tree, origins, warnings);
    }

    /** {@code VIGIL_KAFKA__BOOTSTRAP_SERVERS} -> {@code kafka.bootstrap-servers}. */
    static String envToKey(String name) {
        String rest = name.substring("VIGIL_".length()).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder();
        for (String level : rest.split("__")) {
            if (!key.isEmpty()) key.append('.');
            key.append(level.replace('_', '-'));
        }
        return key.toString();
    }

    /** Binds the section at {@code path} ("" = root, "kafka", "inference.batching") to a record. */
    public <T> T bind(String path, Class<T> type) {
        JsonNode node = path.isEmpty() ? tree : tree.at("/" + path.replace('.', '/'));
        if (node.isMissingNode()) node = JsonNodeFactory.instance.objectNode();
        try {
            return BINDER.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException("configuration section '" + path + "' is invalid: " + e.getOriginalMessage());
        }
    }

    /** The raw value at a dotted key, or null. */
    public String get(String key) {
        JsonNode node = tree.at("/" + key.replace('.', '/'));
        return node.isMissingNode() || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }

    /** Every leaf as {@code key = value (origin)}, secrets masked: safe to log. */
    public String describe() {
        Map<String, String> leaves = new TreeMap<>();
        flatten(tree, "", leaves);
        StringBuilder sb = new StringBuilder();
        leaves.forEach((k, v) -> {
            String shown = SECRET_KEY.matcher(k).matches() && !v.isEmpty() ? "****" : v;
            sb.append(k).append(" = ").append(shown).append("  (").append(origins.getOrDefault(k, "default")).append(")\n");
        });
        return sb.toString();
    }

    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "VigilConfig{" + origins.size() + " keys; use describe()}";
    }

    // ---------------------------------------------------------------------------------------------

    private static List<URL> defaultResources() {
        try {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl == null) cl = VigilConfig.class.getClassLoader();
            Enumeration<URL> urls = cl.getResources(DEFAULTS_RESOURCE);
            List<URL> out = Collections.list(urls);
            // Deterministic order: the same key in two modules' defaults is a bug either way,
            // but the result must not depend on classpath order.
            out.sort((a, b) -> a.toString().compareTo(b.toString()));
            return out;
        } catch (IOException e) {
            throw new ConfigException("cannot list " + DEFAULTS_RESOURCE + " resources: " + e.getMessage());
        }
    }

    private static void merge(ObjectNode target, ObjectNode source, String prefix, Map<String, String> origins,
                              String origin, List<String> unknownSink) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode existing = target.get(e.getKey());
            if (unknownSink != null && existing == null) unknownSink.add("unknown key '" + key + "' from " + origin);
            if (e.getValue() instanceof ObjectNode obj && existing instanceof ObjectNode existingObj) {
                merge(existingObj, obj, key, origins, origin, unknownSink);
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
                Map<String, String> leaves = new LinkedHashMap<>();
                if (e.getValue().isContainerNode()) flatten(e.getValue(), key, leaves); else leaves.put(key, "");
                leaves.keySet().forEach(k -> origins.put(k, origin));
            }
        }
    }

    private static void set(ObjectNode tree, ObjectNode declared, String key, String value, Map<String, String> origins,
                            String origin, List<String> warnings) {
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        JsonNode decl = declared;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = JsonNodeFactory.instance.objectNode();
                node.set(parts[i], child);
            }
            node = (ObjectNode) child;
            decl = decl == null ? null : decl.get(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        JsonNode declaredLeaf = decl == null ? null : decl.get(leaf);
        if (declaredLeaf == null) warnings.add("unknown key '" + key + "' from " + origin);
        if (declaredLeaf instanceof ArrayNode) {
            // Lists come in as comma-separated strings from the environment and the command line.
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            for (String item : value.split(",")) if (!item.isBlank()) arr.add(item.trim());
            node.set(leaf, arr);
        } else {
            node.put(leaf, value);
        }
        origins.put(key, origin);
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> out) {
        if (node instanceof ObjectNode obj) {
            obj.fields().forEachRemaining(e -> flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out));
        } else if (node instanceof ArrayNode arr) {
            List<String> items = new ArrayList<>();
            arr.forEach(n -> items.add(n.isValueNode() ? n.asText() : n.toString()));
            out.put(prefix, String.join(",", items));
        } else {
            out.put(prefix, node == null || node.isNull() ? "" : node.asText());
        }
    }
}
