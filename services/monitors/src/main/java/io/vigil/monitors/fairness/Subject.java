package io.vigil.monitors.fairness;

import java.util.Map;

/** What a correction needs from the scored event it corrects: its domain, model and group attributes. */
public record Subject(String domain, String model, Map<String, String> groups) {
}
