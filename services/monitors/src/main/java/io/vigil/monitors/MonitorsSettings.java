package io.vigil.monitors;

import io.vigil.platform.config.ConfigException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The {@code monitors} configuration section. */
public record MonitorsSettings(String applicationId, String source, String modelsDir, Fairness fairness, Drift drift,
                               Privacy privacy) {

    public MonitorsSettings {
        applicationId = applicationId == null || applicationId.isBlank() ? "monitors" : applicationId.strip();
        if (!applicationId.matches("[A-Za-z0-9._-]+"))
            throw new ConfigException("monitors.application-id may hold only letters, digits, '.', '_' and '-', not " + applicationId);
        source = source == null || source.isBlank() ? "monitors" : source.strip();
        modelsDir = modelsDir == null ? "" : modelsDir.strip();
        if (fairness == null) throw new ConfigException("monitors.fairness is missing");
        if (drift == null) throw new ConfigException("monitors.drift is missing");
        if (privacy == null) throw new ConfigException("monitors.privacy is missing");
    }

    /** How a flag is experienced by the person flagged. */
    public enum FlaggedOutcome {
        ADVERSE, FAVOURABLE;

        @com.fasterxml.jackson.annotation.JsonCreator
        static FlaggedOutcome of(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("flagged-outcome must be adverse or favourable, not " + s);
            }
        }
    }

    public record FairnessDomain(List<String> attributes, List<String> positiveLabels, FlaggedOutcome flaggedOutcome) {
        public FairnessDomain {
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
            positiveLabels = positiveLabels == null ? List.of() : List.copyOf(positiveLabels);
            if (!attributes.isEmpty() && positiveLabels.isEmpty())
                throw new ConfigException("monitors.fairness.domains.*.positive-labels must name at least one label");
            flaggedOutcome = flaggedOutcome == null ? FlaggedOutcome.ADVERSE : flaggedOutcome;
        }
    }

    public record Fairness(boolean enabled, int windowMinutes, int graceMinutes, int minGroupEvents, int minGroupLabels,
                           double maxParityDifference, double minParityRatio, double maxEqualisedOddsDifference,
                           int labelJoinDays, Map<String, FairnessDomain> domains) {
        public Fairness {
            positive("monitors.fairness.window-minutes", windowMinutes);
            nonNegative("monitors.fairness.grace-minutes", graceMinutes);
            positive("monitors.fairness.min-group-events", minGroupEvents);
            positive("monitors.fairness.min-group-labels", minGroupLabels);
            fraction("monitors.fairness.max-parity-difference", maxParityDifference);
            fraction("monitors.fairness.min-parity-ratio", minParityRatio);
            fraction("monitors.fairness.max-equalised-odds-difference", maxEqualisedOddsDifference);
            positive("monitors.fairness.label-join-days", labelJoinDays);
            domains = domains == null ? Map.of() : new TreeMap<>(domains);
            for (String d : domains.keySet())
                if (!d.equals("transactions") && !d.equals("notes") && !d.equals("news"))
                    throw new ConfigException("monitors.fairness.domains." + d + ": not a domain (news, transactions, notes)");
        }
    }

    public record Drift(boolean enabled, int windowMinutes, int graceMinutes, int minEvents, double psiBound,
                        double jensenShannonBound) {
        public Drift {
            positive("monitors.drift.window-minutes", windowMinutes);
            nonNegative("monitors.drift.grace-minutes", graceMinutes);
            positive("monitors.drift.min-events", minEvents);
            if (!(psiBound > 0)) throw new ConfigException("monitors.drift.psi-bound must be > 0, was " + psiBound);
            fraction("monitors.drift.jensen-shannon-bound", jensenShannonBound);
        }
    }

    public record Dataset(boolean enabled, double epsilon, double budget, List<String> cells) {
        public Dataset {
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) throw new ConfigException("privacy dataset epsilon must be > 0, was " + epsilon);
            if (!(budget >= 0) || Double.isInfinite(budget)) throw new ConfigException("privacy dataset budget must be >= 0, was " + budget);
            cells = cells == null ? List.of() : List.copyOf(cells);
            if (cells.stream().anyMatch(c -> c == null || c.isBlank())) throw new ConfigException("privacy dataset cells must not be blank");
        }
    }

    public record Privacy(boolean enabled, int windowMinutes, int graceMinutes, Map<String, Dataset> datasets) {
        public Privacy {
            positive("monitors.privacy.window-minutes", windowMinutes);
            nonNegative("monitors.privacy.grace-minutes", graceMinutes);
            datasets = datasets == null ? Map.of() : new TreeMap<>(datasets);
            for (String d : datasets.keySet())
                if (!io.vigil.monitors.privacy.PublicSummaries.KNOWN.contains(d))
                    throw new ConfigException("monitors.privacy.datasets." + d + ": unknown dataset; known: " + io.vigil.monitors.privacy.PublicSummaries.KNOWN);
        }
    }

    private static void positive(String key, int v) {
        if (v <= 0) throw new ConfigException(key + " must be > 0, was " + v);
    }

    private static void nonNegative(String key, int v) {
        if (v < 0) throw new ConfigException(key + " must be >= 0, was " + v);
    }

    private static void fraction(String key, double v) {
        if (!(v >= 0 && v <= 1)) throw new ConfigException(key + " must be in [0, 1], was " + v);
    }
}
