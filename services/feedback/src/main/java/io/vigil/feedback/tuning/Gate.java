package io.vigil.feedback.tuning;

import io.vigil.feedback.FeedbackSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The promotion rules. A candidate is promoted only when every rule passes:
 * <ol>
 *   <li>enough held-out corrections to judge (min-heldout-corrections);</li>
 *   <li>held-out corrections accuracy improves by at least min-correction-gain;</li>
 *   <li>frozen-holdout accuracy drops by at most holdout-tolerance, and macro-F1 by at most holdout-macro-f1-tolerance
 *       (multi-class) or, for a binary risk model, the risk label's AUPRC by at most holdout-auprc-tolerance;</li>
 *   <li>for every group attribute both models can be scored on, the accuracy gap between its groups
 *       widens by at most group-gap-tolerance.</li>
 * </ol>
 */
public final class Gate {

    public record Decision(boolean promote, List<String> checks) {
        public String summary() {
            return (promote ? "promoted: " : "rejected: ") + String.join("; ", promote ? checks
                    : checks.stream().filter(c -> c.startsWith("FAIL")).toList());
        }
    }

    /** Accuracies are ratios of counts: 0.50 - 0.45 must count as a 0.05 gain. */
    private static final double EPS = 1e-9;
    private final FeedbackSettings.Gate g;

    public Gate(FeedbackSettings.Gate g) {
        this.g = g;
    }

    public Decision decide(Evaluation champion, Evaluation candidate) {
        List<String> checks = new ArrayList<>();
        boolean ok = true;
        boolean enough = candidate.correctionsN() >= g.minHeldoutCorrections();
        ok &= check(checks, enough, "held-out corrections %d (need >= %d)", candidate.correctionsN(), g.minHeldoutCorrections());
        if (enough) {
            double gain = candidate.correctionsAccuracy() - champion.correctionsAccuracy();
            ok &= check(checks, gain >= g.minCorrectionGain() - EPS, "corrections accuracy %.4f -> %.4f (gain %+.4f, need >= %.4f)",
                    champion.correctionsAccuracy(), candidate.correctionsAccuracy(), gain, g.minCorrectionGain());
        }
        double dAcc = candidate.holdoutAccuracy() - champion.holdoutAccuracy();
        ok &= check(checks, dAcc >= -g.holdoutTolerance() - EPS, "holdout accuracy %.4f -> %.4f (%+.4f, tolerance -%.4f)",
                champion.holdoutAccuracy(), candidate.holdoutAccuracy(), dAcc, g.holdoutTolerance());
        if (!Double.isNaN(champion.holdoutAuprc()) && !Double.isNaN(candidate.holdoutAuprc())) {
            // a binary risk model: its threshold-free ranking quality replaces macro-F1 (rare positives make F1 jumpy)
            double dAp = candidate.holdoutAuprc() - champion.holdoutAuprc();
            ok &= check(checks, dAp >= -g.holdoutAuprcTolerance() - EPS, "holdout AUPRC %.4f -> %.4f (%+.4f, tolerance -%.4f)",
                    champion.holdoutAuprc(), candidate.holdoutAuprc(), dAp, g.holdoutAuprcTolerance());
        } else {
            double dF1 = candidate.holdoutMacroF1() - champion.holdoutMacroF1();
            ok &= check(checks, dF1 >= -g.holdoutMacroF1Tolerance() - EPS, "holdout macro-F1 %.4f -> %.4f (%+.4f, tolerance -%.4f)",
                    champion.holdoutMacroF1(), candidate.holdoutMacroF1(), dF1, g.holdoutMacroF1Tolerance());
        }
        for (var e : candidate.groupGap().entrySet()) {
            Double before = champion.groupGap().get(e.getKey());
            if (before == null) continue;
            double widen = e.getValue() - before;
            ok &= check(checks, widen <= g.groupGapTolerance() + EPS, "group gap '%s' %.4f -> %.4f (%+.4f, tolerance +%.4f)",
                    e.getKey(), before, e.getValue(), widen, g.groupGapTolerance());
        }
        return new Decision(ok, List.copyOf(checks));
    }

    private static boolean check(List<String> checks, boolean pass, String fmt, Object... args) {
        checks.add((pass ? "PASS " : "FAIL ") + String.format(Locale.ROOT, fmt, args));
        return pass;
    }
}
