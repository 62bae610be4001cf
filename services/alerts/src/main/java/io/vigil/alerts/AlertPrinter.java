package io.vigil.alerts;

import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Prints each alert as one line, e.g. {@code ALERT [critical] risk-velocity acct 123: 4 high-risk
 * transactions in 10 min}. Local mode passes one to {@link AlertsService} as an {@link AlertListener}.
 */
public final class AlertPrinter implements AlertListener {

    private final PrintWriter out;

    public AlertPrinter(Writer out) {
        this.out = out instanceof PrintWriter pw ? pw : new PrintWriter(out, true);
    }

    public AlertPrinter(PrintStream out) {
        this(new PrintWriter(out, true));
    }

    @Override
    public void onAlert(Alert alert) {
        out.println(format(alert));
        out.flush();
    }

    public static String format(Alert a) {
        String noun = switch (a.domain()) {
            case TRANSACTIONS -> "acct";
            case NEWS -> "entity";
            case NOTES -> "patient";
        };
        String escalated = a.status() == AlertStatus.ESCALATED ? " (escalated)" : "";
        return "ALERT [" + a.severity().wire() + "] " + a.rule() + " " + noun + " " + a.key() + ": " + a.title() + escalated;
    }
}
