package io.vigil.alerts.rules;

import io.vigil.topics.events.Severity;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rule as written in the rules file, before its type checks its parameters. The typed getters record
 * which parameters were read, so {@link #rejectUnknown()} can name a misspelt one.
 *
 * @param id                unique, also names the rule's state stores and appears in alert ids
 * @param type              which rule implementation ({@code negative-surge}, {@code high-risk}, ...); defaults to the id
 * @param suppression       at most one alert per (rule, key) in this period
 * @param escalationFactor  within the period, one escalation when the count reaches factor x the fired count
 */
public final class RuleSpec {

    private final String id;
    private final String type;
    private final boolean enabled;
    private final Severity severity;
    private final Duration suppression;
    private final double escalationFactor;
    private final Map<String, Object> params;
    private final Set<String> read = new LinkedHashSet<>(); // parameters the rule asked for

    public RuleSpec(String id, String type, boolean enabled, Severity severity, Duration suppression,
                    double escalationFactor, Map<String, Object> params) {
        this.id = id;
        this.type = type;
        this.enabled = enabled;
        this.severity = severity;
        this.suppression = suppression;
        this.escalationFactor = escalationFactor;
        this.params = Map.copyOf(params);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public boolean enabled() {
        return enabled;
    }

    public Severity severity() {
        return severity;
    }

    public Duration suppression() {
        return suppression;
    }

    public double escalationFactor() {
        return escalationFactor;
    }

    public Map<String, Object> params() {
        return params;
    }

    @Override
    public String toString() {
        return "RuleSpec[" + id + " (" + type + "), " + severity.wire() + ", suppression " + suppression + ", " + params + "]";
    }

    public double number(String name, double defaultValue, double min, double max) {
        read.add(name);
        Object v = params.get(name);
        if (v == null) return defaultValue;
        double d;
        if (v instanceof Number n) d = n.doubleValue();
        else {
            try {
                d = Double.parseDouble(v.toString().strip());
            } catch (NumberFormatException e) {
                throw invalid(name, "'" + v + "' is not a number");
            }
        }
        if (Double.isNaN(d) || d < min || d > max) throw invalid(name, d + " is outside " + min + ".." + max);
        return d;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        double d = number(name, defaultValue, min, max);
        if (d != Math.rint(d)) throw invalid(name, d + " is not a whole number");
        return (int) d;
    }

    public Duration duration(String name, Duration defaultValue, Duration min) {
        read.add(name);
        Object v = params.get(name);
        if (v == null) return defaultValue;
        Duration d;
        try {
            d = Durations.parse(v.toString());
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
        if (d.compareTo(min) < 0) throw invalid(name, v + " is shorter than the minimum " + min);
        return d;
    }

    public String text(String name, String defaultValue) {
        read.add(name);
        Object v = params.get(name);
        if (v == null) return defaultValue;
        String s = v.toString().strip();
        if (s.isEmpty()) throw invalid(name, "must not be blank");
        return s.toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    public Set<String> strings(String name, Set<String> defaultValue) {
        read.add(name);
        Object v = params.get(name);
        if (v == null) return defaultValue;
        if (!(v instanceof java.util.List<?> list)) throw invalid(name, "must be a list of strings");
        Set<String> out = new LinkedHashSet<>();
        for (Object o : (java.util.List<Object>) list) out.add(String.valueOf(o));
        return Set.copyOf(out);
    }

    /** Call after the rule read every parameter it knows. */
    public void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty())
            throw new RuleConfigException("rule '" + id + "' (type " + type + "): unknown parameter(s) " + unknown
                    + "; known: " + new TreeSet<>(read));
    }

    public RuleConfigException invalid(String param, String why) {
        return new RuleConfigException("rule '" + id + "' (type " + type + "): parameter '" + param + "': " + why);
    }
}
