package io.vigil.alerts.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.topics.events.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The configured rules, loaded from a YAML rules file and validated as a whole: a bad file fails at start
 * with a message naming the file, the rule and the parameter, never at the first event.
 *
 * <pre>
 * rules:
 *   - id: high-risk              # unique; names the rule's state stores and its alerts
 *     type: high-risk            # optional, defaults to the id
 *     enabled: true              # optional, default true
 *     severity: warning          # info | warning | critical
 *     suppression: 1h            # at most one alert per (rule, key) per period; default 1h
 *     escalation-factor: 3       # one escalation when the count reaches factor x the fired count; default 2
 *     params: { threshold: 0.9 } # the type's own parameters
 * </pre>
 */
public final class AlertRules {

    public static final String BUNDLED = "alerts/rules.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Function<RuleSpec, AlertRule>> TYPES = Map.of(
            NegativeSurgeRule.TYPE, NegativeSurgeRule::from,
            HighRiskRule.TYPE, HighRiskRule::from,
            RiskVelocityRule.TYPE, RiskVelocityRule::from,
            UrgentRiskRule.TYPE, UrgentRiskRule::from);
    private static final Set<String> RULE_FIELDS = Set.of("id", "type", "enabled", "severity", "suppression",
            "escalation-factor", "params");

    private final List<AlertRule> enabled;
    private final List<String> disabled;

    private AlertRules(List<AlertRule> enabled, List<String> disabled) {
        this.enabled = List.copyOf(enabled);
        this.disabled = List.copyOf(disabled);
    }

    /** The rules file at {@code path}, or the bundled {@value #BUNDLED} when path is null or blank. */
    public static AlertRules load(String path) {
        if (path == null || path.isBlank()) return bundled();
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) throw new RuleConfigException("rules file " + file + " does not exist");
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new RuleConfigException("cannot read rules file " + file + ": " + e.getMessage());
        }
    }

    public static AlertRules bundled() {
        try (InputStream in = AlertRules.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) throw new RuleConfigException("bundled rules " + BUNDLED + " are missing from the classpath");
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "classpath:" + BUNDLED);
        } catch (IOException e) {
            throw new RuleConfigException("cannot read bundled rules " + BUNDLED + ": " + e.getMessage());
        }
    }

    public static AlertRules parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new RuleConfigException("rules file " + origin + " is not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.path("rules").isArray())
            throw new RuleConfigException("rules file " + origin + " must have a top-level 'rules:' list");
        List<AlertRule> enabled = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.path("rules")) {
            index++;
            try {
                RuleSpec spec = spec(node, index);
                if (!ids.add(spec.id())) throw new RuleConfigException("rule id '" + spec.id() + "' is used twice");
                Function<RuleSpec, AlertRule> type = TYPES.get(spec.type());
                if (type == null)
                    throw new RuleConfigException("rule '" + spec.id() + "': unknown type '" + spec.type() + "'; known: " + TYPES.keySet().stream().sorted().toList());
                AlertRule rule = type.apply(spec); // validates even a disabled rule: enabling it later must not surprise
                if (spec.enabled()) enabled.add(rule); else disabled.add(spec.id());
            } catch (RuleConfigException e) {
                throw new RuleConfigException("rules file " + origin + ", rule #" + index + ": " + e.getMessage());
            }
        }
        return new AlertRules(enabled, disabled);
    }

    private static RuleSpec spec(JsonNode node, int index) {
        if (!node.isObject()) throw new RuleConfigException("must be a mapping with id, severity and params");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!RULE_FIELDS.contains(f)) throw new RuleConfigException("unknown field '" + f + "'; known: " + RULE_FIELDS.stream().sorted().toList());
        }
        String id = node.path("id").asText("").strip();
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}"))
            throw new RuleConfigException("id '" + id + "' must be 1-63 lower-case letters, digits and '-'");
        String type = node.path("type").asText(id).strip();
        boolean enabled = !node.has("enabled") || bool(node.get("enabled"), id);
        Severity severity;
        String sev = node.path("severity").asText("").strip().toUpperCase(Locale.ROOT);
        try {
            severity = Severity.valueOf(sev);
        } catch (IllegalArgumentException e) {
            throw new RuleConfigException("rule '" + id + "': severity '" + node.path("severity").asText("") + "' must be info, warning or critical");
        }
        Duration suppression;
        try {
            suppression = node.has("suppression") ? Durations.parse(node.get("suppression").asText()) : Duration.ofHours(1);
        } catch (IllegalArgumentException e) {
            throw new RuleConfigException("rule '" + id + "': suppression: " + e.getMessage());
        }
        if (suppression.compareTo(Duration.ofSeconds(1)) < 0)
            throw new RuleConfigException("rule '" + id + "': suppression must be at least 1s, not " + suppression);
        double factor = node.path("escalation-factor").asDouble(2.0);
        if (node.has("escalation-factor") && !node.get("escalation-factor").isNumber() || factor <= 1.0)
            throw new RuleConfigException("rule '" + id + "': escalation-factor must be a number above 1, not " + node.get("escalation-factor"));
        JsonNode params = node.path("params");
        if (!params.isMissingNode() && !params.isNull() && !params.isObject())
            throw new RuleConfigException("rule '" + id + "': params must be a mapping");
        Map<String, Object> map = new LinkedHashMap<>();
        if (params.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = YAML.convertValue(params, Map.class);
            read.forEach((k, v) -> {
                if (v == null) throw new RuleConfigException("rule '" + id + "': parameter '" + k + "' has no value");
                map.put(k, v);
            });
        }
        return new RuleSpec(id, type, enabled, severity, suppression, factor, map);
    }

    private static boolean bool(JsonNode n, String id) {
        if (!n.isBoolean()) throw new RuleConfigException("rule '" + id + "': enabled must be true or false, not " + n);
        return n.booleanValue();
    }

    /** The enabled rules, in file order. */
    public List<AlertRule> enabled() {
        return enabled;
    }

    /** Ids of rules the file lists but disables. */
    public List<String> disabled() {
        return disabled;
    }

    public static AlertRules of(List<AlertRule> rules) {
        return new AlertRules(rules, List.of());
    }

    @Override
    public String toString() {
        return "AlertRules" + enabled.stream().map(AlertRule::id).toList() + (disabled.isEmpty() ? "" : " disabled " + disabled);
    }
}
