package io.vigil.alerts.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertRulesTest {

    @Test
    void bundledRulesLoadWithTheirDefaults() {
        AlertRules rules = AlertRules.load("");
        assertThat(rules.enabled()).extracting(AlertRule::id)
                .containsExactly("negative-surge", "high-risk", "risk-velocity", "urgent-risk");
        RiskVelocityRule v = (RiskVelocityRule) rules.enabled().get(2);
        assertThat(v.minCount()).isEqualTo(3);
        assertThat(v.window()).hasMinutes(10);
        assertThat(v.spec().severity().wire()).isEqualTo("critical");
    }

    @Test
    void aRulesFileOnDiskIsReadAndDisabledRulesAreListed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                rules:
                  - id: big-txn
                    type: high-risk
                    severity: critical
                    suppression: PT30M
                    params: { threshold: 0.99 }
                  - id: urgent-risk
                    enabled: false
                    severity: critical
                """);
        AlertRules rules = AlertRules.load(file.toString());
        assertThat(rules.enabled()).singleElement().satisfies(r -> {
            assertThat(r).isInstanceOf(HighRiskRule.class);
            assertThat(((HighRiskRule) r).threshold()).isEqualTo(0.99);
            assertThat(((HighRiskRule) r).spec().suppression()).hasMinutes(30);
        });
        assertThat(rules.disabled()).containsExactly("urgent-risk");
    }

    @Test
    void mistakesAreReportedWithFileRuleAndParameter() {
        assertInvalid("""
                rules:
                  - id: high-risk
                    severity: warning
                    params: { treshold: 0.9 }
                """, "rule #1", "high-risk", "unknown parameter(s) [treshold]", "known: [threshold]");
        assertInvalid("""
                rules:
                  - id: high-risk
                    severity: warning
                    params: { threshold: 1.5 }
                """, "parameter 'threshold'", "outside 0.0..1.0");
        assertInvalid("""
                rules:
                  - id: risk-velocity
                    severity: warning
                    params: { window: ten minutes }
                """, "parameter 'window'", "is not a duration");
        assertInvalid("""
                rules:
                  - id: high-risk
                    severity: loud
                """, "severity 'loud' must be info, warning or critical");
        assertInvalid("""
                rules:
                  - id: high-risk
                    severity: info
                  - id: high-risk
                    severity: info
                """, "rule #2", "used twice");
        assertInvalid("""
                rules:
                  - id: spikes
                    severity: info
                """, "unknown type 'spikes'", "risk-velocity");
        assertInvalid("""
                rules:
                  - id: high-risk
                    severity: info
                    escalation-factor: 1
                """, "escalation-factor must be a number above 1");
        assertInvalid("""
                rules:
                  - id: negative-surge
                    severity: info
                    supression: 1h
                """, "unknown field 'supression'");
        assertInvalid("rule: []", "must have a top-level 'rules:' list");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> AlertRules.load("/nonexistent/rules.yaml"))
                .isInstanceOf(RuleConfigException.class).hasMessageContaining("/nonexistent/rules.yaml does not exist");
    }

    private static void assertInvalid(String yaml, String... fragments) {
        assertThatThrownBy(() -> AlertRules.parse(yaml, "my-rules.yaml"))
                .isInstanceOf(RuleConfigException.class)
                .hasMessageContaining("my-rules.yaml")
                .satisfies(e -> {
                    for (String f : fragments) assertThat(e.getMessage()).contains(f);
                });
    }
}
