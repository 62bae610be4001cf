package io.vigil.monitors;

import io.vigil.platform.config.ConfigException;
import io.vigil.platform.config.VigilConfig;
import io.vigil.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorsSettingsTest {

    @TempDir
    Path dir;

    static MonitorsSettings bind(Map<String, String> overrides) {
        return VigilConfig.load(null, Map.of(), overrides).bind("monitors", MonitorsSettings.class);
    }

    @Test
    void defaultsDeclareTheSparkovAndNoteGroupsAndThreeDatasets() {
        MonitorsSettings s = bind(Map.of());
        assertThat(VigilConfig.defaults().warnings()).isEmpty();
        assertThat(s.fairness().domains().get("transactions").attributes()).containsExactly("gender", "ageBand", "state", "citySize");
        assertThat(s.fairness().domains().get("notes").attributes()).containsExactly("ageBand", "sex");
        assertThat(s.fairness().domains().get("notes").flaggedOutcome()).isEqualTo(MonitorsSettings.FlaggedOutcome.FAVOURABLE);
        assertThat(s.privacy().datasets()).containsOnlyKeys("alerts-per-rule-day", "urgent-notes-per-specialty-day",
                "mean-fraud-risk-per-type-day");
        // environment variables reach dataset keys like any other
        MonitorsSettings env = VigilConfig.load(null, Map.of("VIGIL_MONITORS__PRIVACY__DATASETS__ALERTS_PER_RULE_DAY__BUDGET", "3"), Map.of())
                .bind("monitors", MonitorsSettings.class);
        assertThat(env.privacy().datasets().get("alerts-per-rule-day").budget()).isEqualTo(3.0);
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> bind(Map.of("monitors.fairness.min-parity-ratio", "1.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("monitors.fairness.min-parity-ratio");
        assertThatThrownBy(() -> bind(Map.of("monitors.drift.psi-bound", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("monitors.drift.psi-bound");
        assertThatThrownBy(() -> bind(Map.of("monitors.privacy.datasets.alerts-per-rule-day.epsilon", "-1")))
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> bind(Map.of("monitors.fairness.domains.transactions.flagged-outcome", "meh")))
                .hasMessageContaining("adverse or favourable");
    }

    @Test
    void undecodableInputIsCountedAndSkippedWithoutStoppingTheMonitor() {
        try (Harness h = new Harness(Harness.only("fairness", Map.of()), dir)) {
            var in = h.driver.createInputTopic(Topics.TRANSACTIONS_SCORED.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
            in.pipeInput("k", "{\"id\":\"broken\"}".getBytes(StandardCharsets.UTF_8));
            in.pipeInput("k", new byte[] {(byte) 0xff, 0x00});
            for (int i = 0; i < 40; i++)
                h.pipe(Topics.TRANSACTIONS_SCORED, "a", Events.txn("t" + i, Events.min(i), Map.of("gender", "F"), false, 0.1));
            h.pipe(Topics.TRANSACTIONS_SCORED, "a", Events.txn("late", Events.min(70), Map.of("gender", "F"), false, 0.1));
            assertThat(h.read(Topics.MONITORS_FAIRNESS)).singleElement().satisfies(m -> assertThat(m.events()).isEqualTo(40));
            assertThat(h.meters.count("vigil.monitors.bad.input", "topic", Topics.TRANSACTIONS_SCORED.name())).isEqualTo(2);
        }
    }
}
