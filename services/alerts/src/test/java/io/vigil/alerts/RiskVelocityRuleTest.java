package io.vigil.alerts;

import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.vigil.alerts.Events.T0;
import static io.vigil.alerts.Events.min;
import static io.vigil.alerts.Events.txn;
import static org.assertj.core.api.Assertions.assertThat;

class RiskVelocityRuleTest {

    static final String RULES = """
            rules:
              - id: risk-velocity
                severity: warning
                suppression: 1h
                escalation-factor: 2
                params: { threshold: 0.7, min-count: 3, window: 10m, grace: 2m }
            """;

    final Harness h = new Harness(RULES);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void threeRiskyTransactionsWithinTenMinutesFireOnceThenSixEscalateOnce() {
        h.pipe(txn("a1", "A", T0, 0.8));
        h.pipe(txn("a2", "A", min(3), 0.75));
        h.pipe(txn("a3", "A", min(6), 0.3));   // below the velocity threshold: not counted
        assertThat(h.drain()).isEmpty();

        h.pipe(txn("a4", "A", min(9), 0.9));
        assertThat(h.drain()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("risk-velocity|A");
            Alert a = r.value();
            // the sliding window that ends at the third transaction: [9m - 10m, 9m]
            assertThat(a.id()).isEqualTo("risk-velocity|A|" + min(-1).toEpochMilli());
            assertThat(a.domain()).isEqualTo(Domain.TRANSACTIONS);
            assertThat(a.key()).isEqualTo("A");
            assertThat(a.status()).isEqualTo(AlertStatus.NEW);
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.count()).isEqualTo(3);
            assertThat(a.value()).isEqualTo(0.9);
            assertThat(a.threshold()).isEqualTo(3.0);
            assertThat(a.windowStart()).isEqualTo(min(-1));
            assertThat(a.windowEnd()).isEqualTo(min(9));
            assertThat(a.eventIds()).containsExactlyInAnyOrder("a1", "a2", "a4");
            assertThat(a.modelVersion()).isEqualTo("v7");
            assertThat(a.title()).isEqualTo("3 high-risk transactions in 10 min");
            assertThat(AlertPrinter.format(a)).isEqualTo("ALERT [warning] risk-velocity acct A: 3 high-risk transactions in 10 min");
        });

        h.pipe(txn("a5", "A", min(9.5), 0.8));   // 4 and 5 in a window: suppressed
        h.pipe(txn("a6", "A", min(9.6), 0.8));
        assertThat(h.drain()).isEmpty();
        h.pipe(txn("a7", "A", min(9.7), 0.8));   // 6 = 2 x 3 within the period: one escalation
        assertThat(h.drain()).singleElement().satisfies(r -> {
            Alert a = r.value();
            assertThat(a.id()).isEqualTo("risk-velocity|A|" + min(-1).toEpochMilli() + "|escalated");
            assertThat(a.status()).isEqualTo(AlertStatus.ESCALATED);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.count()).isEqualTo(6);
            assertThat(a.eventIds()).containsExactlyInAnyOrder("a1", "a2", "a4", "a5", "a6", "a7");
            assertThat(a.title()).isEqualTo("6 high-risk transactions in 10 min");
        });
        h.pipe(txn("a8", "A", min(9.8), 0.8));
        h.pipe(txn("a9", "A", min(9.9), 0.8));
        assertThat(h.drain()).isEmpty();
    }

    @Test
    void windowIsInclusiveAtBothEndsAndNoWiderThanTenMinutes() {
        h.pipe(txn("b1", "B", T0, 0.8));
        h.pipe(txn("c1", "C", T0, 0.8));
        h.pipe(txn("b2", "B", min(5), 0.8));
        h.pipe(txn("c2", "C", min(5), 0.8));
        h.pipe(txn("c3", "C", min(10), 0.8));                // exactly 10 min after c1: in
        h.pipe(txn("b3", "B", T0.plusMillis(600_001), 0.8)); // 10 min + 1 ms after b1: b1 is out
        assertThat(h.drain()).singleElement().satisfies(r -> {
            assertThat(r.value().key()).isEqualTo("C");
            assertThat(r.value().windowStart()).isEqualTo(T0);
            assertThat(r.value().windowEnd()).isEqualTo(min(10));
            assertThat(r.value().eventIds()).containsExactlyInAnyOrder("c1", "c2", "c3");
        });
    }

    @Test
    void outOfOrderWithinGraceCountsAndBeyondGraceIsDropped() {
        h.pipe(txn("d1", "D", T0, 0.8));
        h.pipe(txn("d2", "D", min(8), 0.8));
        h.pipe(txn("d3", "D", min(2), 0.8));   // arrives late, but the window [-2m, 8m] is still open
        assertThat(h.drain()).singleElement().satisfies(r -> {
            assertThat(r.value().key()).isEqualTo("D");
            assertThat(r.value().count()).isEqualTo(3);
            assertThat(r.value().eventIds()).containsExactlyInAnyOrder("d1", "d2", "d3");
            assertThat(r.value().windowStart()).isEqualTo(min(-2));
            assertThat(r.value().windowEnd()).isEqualTo(min(8));
        });

        h.pipe(txn("e1", "E", min(20), 0.8));
        h.pipe(txn("z1", "Z", min(40), 0.1));  // not risky, but moves stream time to 40m
        h.pipe(txn("z2", "Z", min(40), 0.8));
        h.pipe(txn("e2", "E", min(21), 0.8));  // 19 min late, grace is 2 min: dropped
        h.pipe(txn("e3", "E", min(22), 0.8));
        assertThat(h.drain()).isEmpty();
    }
}
