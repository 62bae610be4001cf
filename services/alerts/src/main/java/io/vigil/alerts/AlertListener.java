package io.vigil.alerts;

import io.vigil.topics.events.Alert;

/**
 * Called once for each alert committed to the alerts topic (read_committed, so an aborted EOS attempt is
 * never seen), before its webhook delivery. At least once: after a crash an alert may be seen again.
 * Must be quick and must not throw; a listener that throws is logged and skipped.
 */
@FunctionalInterface
public interface AlertListener {
    void onAlert(Alert alert);
}
