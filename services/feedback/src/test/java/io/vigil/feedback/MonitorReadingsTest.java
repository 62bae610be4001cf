package io.vigil.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The latest window per model version (drift) and per model (fairness), and what a card records of it. */
class MonitorReadingsTest {

    @Test
    @SuppressWarnings("unchecked")
    void keepsTheLatestWindowAndSummarisesIt() {
        MonitorReadings r = new MonitorReadings();
        assertThat(r.drift("transaction-fraud", "v3")).isNull();
        assertThat(r.snapshot("transaction-fraud", "v3"))
                .containsEntry("drift", "no drift window reported for transaction-fraud v3")
                .containsEntry("fairness", "no fairness window reported for transaction-fraud");

        r.track(MonitorEvents.drift("transaction-fraud", "v3", "log_amount", 1, 0.40, true));
        r.track(MonitorEvents.drift("transaction-fraud", "v3", "log_amount", 2, 0.03, false));
        r.track(MonitorEvents.drift("transaction-fraud", "v3", "score", 2, 0.31, true));
        r.track(MonitorEvents.drift("transaction-fraud", "v3", "type", 1, 9.0, true)); // older window, read late: ignored
        r.track(MonitorEvents.drift("transaction-fraud", "v2", "score", 2, 0.01, false)); // another version

        Map<String, Object> d = r.drift("transaction-fraud", "v3");
        assertThat(d).containsEntry("windowEnd", MonitorEvents.windowEnd(2).toString()).containsEntry("inputs", 2)
                .containsEntry("maxPsi", 0.31).containsEntry("maxPsiInput", "score").containsEntry("events", 400L);
        assertThat((Map<String, Object>) d.get("pastBound")).containsOnlyKeys("score");
        assertThat(r.drift("transaction-fraud", "v2")).containsEntry("maxPsi", 0.01);

        r.track(MonitorEvents.fairness("transaction-fraud", "gender", "F", 3, 40, 8, 0.16, 0.2, List.of("demographic-parity")));
        r.track(MonitorEvents.fairness("transaction-fraud", "gender", "M", 3, 50, 2, 0.0, 1.0, List.of()));
        r.track(MonitorEvents.fairness("transaction-fraud", "ageBand", "65+", 3, 30, 3, 0.06, 0.4, List.of()));
        r.track(MonitorEvents.fairness("transaction-fraud", "gender", "F", 2, 40, 1, 0.0, 1.0, List.of())); // older
        Map<String, Object> f = r.fairness("transaction-fraud");
        assertThat(f).containsEntry("windowEnd", MonitorEvents.windowEnd(3).toString()).containsEntry("maxParityDifference", 0.16)
                .containsEntry("breaches", List.of("gender=F demographic-parity"));
        Map<String, Map<String, Object>> groups = (Map<String, Map<String, Object>>) f.get("groups");
        assertThat(groups).containsOnlyKeys("gender=F", "gender=M", "ageBand=65+");
        assertThat(groups.get("gender=F")).containsEntry("alertRate", 0.2).containsEntry("parityRatio", 0.2)
                .containsEntry("fourFifths", false);

        // a later window starts afresh
        r.track(MonitorEvents.fairness("transaction-fraud", "gender", "F", 4, 40, 2, 0.0, 1.0, List.of()));
        assertThat((Map<String, Object>) r.fairness("transaction-fraud").get("groups")).containsOnlyKeys("gender=F");
        assertThat(r.fairness("transaction-fraud")).containsEntry("breaches", List.of()).containsEntry("maxParityDifference", 0.0);
        assertThat(r.snapshot("transaction-fraud", "v3")).containsEntry("champion", "v3").containsEntry("drift", d);
    }
}
