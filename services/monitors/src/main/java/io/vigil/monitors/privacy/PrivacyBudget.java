package io.vigil.monitors.privacy;

/**
 * Sequential composition of a dataset's releases: each spends its epsilon from the dataset's total, and a release
 * that would overdraw the total is refused. (Consecutive windows hold disjoint events, so this overstates the loss
 * for a stream; it is the safe accounting when windows are re-released, corrected or joined by an adversary.)
 */
public final class PrivacyBudget {

    /** Spending is a sum of configured decimals: 0.1 * 10 must still fit a budget of 1. */
    static final double EPS = 1e-9;

    private PrivacyBudget() {
    }

    /** Whether a release of {@code epsilon} fits after {@code spent} of {@code total}. */
    public static boolean allows(double spent, double epsilon, double total) {
        return spent + epsilon <= total + EPS;
    }
}
