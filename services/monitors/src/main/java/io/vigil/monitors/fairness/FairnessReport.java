package io.vigil.monitors.fairness;

import io.vigil.models.metrics.GroupMetrics;
import io.vigil.models.metrics.GroupMetrics.Better;
import io.vigil.models.metrics.GroupMetrics.Disparity;
import io.vigil.models.metrics.GroupMetrics.Tally;
import io.vigil.monitors.Ids;
import io.vigil.monitors.MonitorsSettings;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.FairnessMetric;
import io.vigil.topics.events.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one closed window of one (domain, model, attribute) into a {@link FairnessMetric} per group and, when a
 * group crosses a bound, one {@link Alert}. Pure: the numbers come from {@link GroupMetrics}, the same code the
 * promotion gate uses.
 */
public final class FairnessReport {

    public static final String RULE = "fairness-disparity";
    public static final String DEMOGRAPHIC_PARITY = "demographic-parity";
    public static final String EQUALISED_ODDS = "equalised-odds";

    public record Result(List<FairnessMetric> metrics, Alert alert) {
    }

    private FairnessReport() {
    }

    public static Result of(MonitorsSettings.Fairness s, MonitorsSettings.FairnessDomain d, Domain domain, String model,
                            String attribute, Instant windowStart, Instant windowEnd, Map<String, Tally> groups, String source) {
        Better flagBetter = d.flaggedOutcome() == MonitorsSettings.FlaggedOutcome.ADVERSE ? Better.LOWER : Better.HIGHER;
        Disparity parity = GroupMetrics.disparity(GroupMetrics.alertRates(groups, s.minGroupEvents()), flagBetter);
        Disparity fpr = GroupMetrics.disparity(GroupMetrics.falsePositiveRates(groups, s.minGroupLabels()), Better.LOWER);
        Disparity fnr = GroupMetrics.disparity(GroupMetrics.falseNegativeRates(groups, s.minGroupLabels()), Better.LOWER);

        List<FairnessMetric> metrics = new ArrayList<>();
        List<String> parityBreaches = new ArrayList<>();
        List<String> oddsBreaches = new ArrayList<>();
        double worstParity = 0;
        double worstOdds = 0;
        List<String> breachedIds = new ArrayList<>();
        long events = 0;
        for (var e : groups.entrySet()) {
            String g = e.getKey();
            Tally t = e.getValue();
            events += t.n();
            Double pDiff = parity.difference().get(g);
            Double pRatio = parity.ratio().get(g);
            Double eo = max(fpr.difference().get(g), fnr.difference().get(g));
            List<String> breaches = new ArrayList<>();
            if (pDiff != null && pDiff > s.maxParityDifference() && pRatio < s.minParityRatio()) {
                breaches.add(DEMOGRAPHIC_PARITY);
                worstParity = Math.max(worstParity, pDiff);
                parityBreaches.add(String.format(Locale.ROOT, "%s %.3f vs %.3f (%s): difference %.3f, ratio %.2f",
                        g, t.alertRate(), parity.bestRate(), parity.best(), pDiff, pRatio));
            }
            if (eo != null && eo > s.maxEqualisedOddsDifference()) {
                breaches.add(EQUALISED_ODDS);
                worstOdds = Math.max(worstOdds, eo);
                oddsBreaches.add(String.format(Locale.ROOT, "%s FPR %s FNR %s: gap %.3f", g, fmt(t.falsePositiveRate()),
                        fmt(t.falseNegativeRate()), eo));
            }
            String id = Ids.of("fair", windowStart, domain.wire(), model, attribute, g);
            if (!breaches.isEmpty()) breachedIds.add(id);
            metrics.add(new FairnessMetric(id, windowEnd, source, Event.CURRENT_VERSION, domain, model, attribute, g,
                    windowStart, windowEnd, t.n(), t.flagged(), nan(t.alertRate()), clamp01(nan(t.meanScore())),
                    t.labelledCount(), t.fp(), t.fn(), t.actualNegatives(), t.actualPositives(),
                    nan(t.falsePositiveRate()), nan(t.falseNegativeRate()), pDiff == null ? null : parity.best(),
                    pDiff, pRatio, eo, pRatio == null ? null : pRatio >= GroupMetrics.FOUR_FIFTHS, breaches));
        }
        Alert alert = null;
        if (!breachedIds.isEmpty()) {
            boolean parityFirst = !parityBreaches.isEmpty();
            List<String> lines = new ArrayList<>();
            if (parityFirst) lines.add("demographic parity (alert rate): " + String.join("; ", parityBreaches));
            if (!oddsBreaches.isEmpty()) lines.add("equalised odds (analysts' verdicts): " + String.join("; ", oddsBreaches));
            alert = new Alert(Ids.of("alert-fairness", windowStart, domain.wire(), model, attribute), windowEnd, source,
                    Event.CURRENT_VERSION, RULE, domain, model + "|" + attribute, Severity.WARNING, AlertStatus.NEW,
                    "Fairness: " + attribute + " disparity in " + model,
                    String.join(". ", lines), windowStart, windowEnd, events,
                    parityFirst ? worstParity : worstOdds,
                    parityFirst ? s.maxParityDifference() : s.maxEqualisedOddsDifference(), breachedIds, null);
        }
        return new Result(metrics, alert);
    }

    private static Double max(Double a, Double b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.max(a, b);
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static Double clamp01(Double v) {
        return v == null ? null : Math.max(0, Math.min(1, v));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
