package io.vigil.alerts;

import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.vigil.alerts.Events.T0;
import static io.vigil.alerts.Events.min;
import static io.vigil.alerts.Events.note;
import static org.assertj.core.api.Assertions.assertThat;

class UrgentRiskRuleTest {

    static final String RULES = """
            rules:
              - id: urgent-risk
                severity: warning
                suppression: 6h
                escalation-factor: 2
                params: { label: urgent }
            """;

    final Harness h = new Harness(RULES);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void urgentNoteAlertsPerPatientAndASecondOneWithinThePeriodEscalatesOnce() {
        h.pipe(note("n1", "pz-1", T0, "routine", 0.2));
        assertThat(h.drain()).isEmpty();

        h.pipe(note("n2", "pz-1", min(10), "Urgent", 0.93));
        assertThat(h.drain()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("urgent-risk|pz-1");
            Alert a = r.value();
            assertThat(a.id()).isEqualTo("urgent-risk|pz-1|" + min(10).toEpochMilli());
            assertThat(a.domain()).isEqualTo(Domain.NOTES);
            assertThat(a.key()).isEqualTo("pz-1");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.status()).isEqualTo(AlertStatus.NEW);
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.value()).isEqualTo(0.93);
            assertThat(a.eventIds()).containsExactly("n2");
            assertThat(a.modelVersion()).isEqualTo("v2");
            assertThat(a.title()).isEqualTo("urgent clinical note (score 0.93)");
            assertThat(AlertPrinter.format(a)).isEqualTo("ALERT [warning] urgent-risk patient pz-1: urgent clinical note (score 0.93)");
        });

        h.pipe(note("m1", "pz-2", min(11), "urgent", 0.7));   // another patient: its own alert
        h.pipe(note("n3", "pz-1", min(200), "urgent", 0.8));  // second within 6 h: escalation
        h.pipe(note("n4", "pz-1", min(300), "urgent", 0.8));  // third: nothing more
        var out = h.drain();
        assertThat(out).extracting(r -> r.value().id()).containsExactly(
                "urgent-risk|pz-2|" + min(11).toEpochMilli(),
                "urgent-risk|pz-1|" + min(10).toEpochMilli() + "|escalated");
        Alert escalated = out.get(1).value();
        assertThat(escalated.status()).isEqualTo(AlertStatus.ESCALATED);
        assertThat(escalated.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalated.count()).isEqualTo(2);
        assertThat(escalated.eventIds()).containsExactly("n2", "n3");
        assertThat(escalated.title()).isEqualTo("2 urgent clinical notes within 6 h");

        h.pipe(note("n5", "pz-1", min(10 + 360), "urgent", 0.8)); // 6 h after the alert: a new period
        assertThat(h.drain()).extracting(r -> r.value().id())
                .containsExactly("urgent-risk|pz-1|" + min(370).toEpochMilli());
    }
}
