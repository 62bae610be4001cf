package io.vigil.monitors.drift;

import io.vigil.models.drift.FeatureProfile;
import io.vigil.models.metrics.Drift;
import io.vigil.monitors.Ids;
import io.vigil.monitors.MonitorsSettings;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.DriftMetric;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One closed window of one model version against its reference profile: a {@link DriftMetric} per input and for
 * the score (PSI for every input, Jensen-Shannon too for categorical ones), and one {@link Alert} naming the inputs
 * past their bounds when the window had at least {@code min-events} events.
 */
public final class DriftReport {

    public static final String RULE = "model-drift";

    public record Result(List<DriftMetric> metrics, Alert alert) {
    }

    private DriftReport() {
    }

    public static Result of(MonitorsSettings.Drift s, Domain domain, String model, String version, ModelProfile profile,
                            DriftWindow w, Instant windowStart, Instant windowEnd, String source) {
        List<DriftMetric> metrics = new ArrayList<>();
        List<String> breachedIds = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        double worst = 0;
        boolean enough = w.count() >= s.minEvents();
        for (Map.Entry<String, FeatureProfile> e : profile.reference().features().entrySet()) {
            String feature = e.getKey();
            FeatureProfile f = e.getValue();
            long[] counts = new long[f.size()];
            w.bins().getOrDefault(feature, Map.of()).forEach((bin, n) -> {
                if (bin >= 0 && bin < counts.length) counts[bin] += n;
            });
            if (Arrays.stream(counts).sum() == 0) continue; // an input this window never carried
            double[] expected = f.expected();
            double[] actual = Drift.proportions(counts);
            double psi = Drift.psi(expected, actual);
            Double js = f.numeric() ? null : Drift.jensenShannon(expected, actual);
            boolean breached = enough && (psi > s.psiBound() || (js != null && js > s.jensenShannonBound()));
            String id = Ids.of("drift", windowStart, domain.wire(), model, version, feature);
            if (breached) {
                breachedIds.add(id);
                worst = Math.max(worst, psi);
                lines.add(String.format(Locale.ROOT, "%s PSI %.3f%s", feature, psi, js == null ? "" : String.format(Locale.ROOT, " JS %.3f", js)));
            }
            metrics.add(new DriftMetric(id, windowEnd, source, Event.CURRENT_VERSION, domain, model, version, feature,
                    f.kind(), windowStart, windowEnd, w.count(), psi, js, s.psiBound(),
                    f.numeric() ? null : s.jensenShannonBound(), breached, box(expected), box(actual)));
        }
        Alert alert = null;
        if (!breachedIds.isEmpty()) {
            String against = profile.profileVersion().equals(version) ? "" : " (against the reference of " + profile.profileVersion() + ")";
            alert = new Alert(Ids.of("alert-drift", windowStart, domain.wire(), model, version), windowEnd, source,
                    Event.CURRENT_VERSION, RULE, domain, model + "|" + version, Severity.WARNING, AlertStatus.NEW,
                    "Drift: " + model + " " + version + " inputs moved away from its training data",
                    breachedIds.size() + " of " + metrics.size() + " inputs past their bounds over " + w.count()
                            + " events" + against + ": " + String.join("; ", lines),
                    windowStart, windowEnd, w.count(), worst, s.psiBound(), breachedIds, version);
        }
        return new Result(metrics, alert);
    }

    private static List<Double> box(double[] v) {
        // proportions are ratios of counts; clamp the last-ulp excursions the schema would reject
        return Arrays.stream(v).map(x -> Math.max(0, Math.min(1, x))).boxed().toList();
    }
}
