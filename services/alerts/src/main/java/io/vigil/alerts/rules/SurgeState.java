package io.vigil.alerts.rules;

import java.util.List;

/**
 * One entity's news sentiment history: the EWMA of its closed windows' negative share ({@code baseline}, null
 * until a window with enough volume has closed) and the windows still open (inside their grace period).
 */
public record SurgeState(Double baseline, long windowsClosed, List<Window> open) {

    public SurgeState {
        open = List.copyOf(open);
    }

    public static SurgeState empty() {
        return new SurgeState(null, 0, List.of());
    }

    /** A tumbling window's counts; {@code negativeIds} are the negative articles (bounded). */
    public record Window(long startMs, long total, long negative, List<String> negativeIds, String modelVersion) {
        public Window {
            negativeIds = List.copyOf(negativeIds);
        }

        public double share() {
            return total == 0 ? 0 : (double) negative / total;
        }
    }
}
