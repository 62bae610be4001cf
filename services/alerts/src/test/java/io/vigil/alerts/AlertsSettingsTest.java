package io.vigil.alerts;

import io.vigil.platform.config.ConfigException;
import io.vigil.platform.config.VigilConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsSettingsTest {

    @Test
    void defaultsBindAndOverridesApply() {
        AlertsSettings d = VigilConfig.defaults().bind("alerts", AlertsSettings.class);
        assertThat(d.rulesFile()).isEmpty();
        assertThat(d.applicationId()).isEqualTo("alerts");
        assertThat(d.webhook().urls()).isEmpty();
        assertThat(d.webhook().maxAttempts()).isEqualTo(5);
        assertThat(d.webhook().consumerGroup()).isEqualTo("vigil-alerts-notifier");

        VigilConfig config = VigilConfig.load(null, Map.of("VIGIL_ALERTS__WEBHOOK__BEARER_TOKEN", "tok-123"), Map.of(
                "alerts.webhook.urls", "http://127.0.0.1:9000/a,https://hooks.example/b",
                "alerts.webhook.headers", "X-Team: fraud",
                "alerts.webhook.max-attempts", "7"));
        AlertsSettings s = config.bind("alerts", AlertsSettings.class);
        assertThat(s.webhook().urls()).containsExactly("http://127.0.0.1:9000/a", "https://hooks.example/b");
        assertThat(s.webhook().headerMap()).containsExactly(Map.entry("X-Team", "fraud"));
        assertThat(s.webhook().maxAttempts()).isEqualTo(7);
        assertThat(s.webhook().bearerToken().reveal()).isEqualTo("tok-123");
        assertThat(config.warnings()).isEmpty();
        assertThat(config.describe()).contains("alerts.webhook.bearer-token = ****").doesNotContain("tok-123");
    }

    @Test
    void badWebhookSettingsFailWithTheKey() {
        assertThatThrownBy(() -> VigilConfig.load(null, Map.of(), Map.of("alerts.webhook.urls", "ftp://x/y"))
                .bind("alerts", AlertsSettings.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.webhook.urls");
        assertThatThrownBy(() -> VigilConfig.load(null, Map.of(), Map.of("alerts.webhook.jitter", "2"))
                .bind("alerts", AlertsSettings.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.webhook.jitter");
        assertThatThrownBy(() -> VigilConfig.load(null, Map.of(), Map.of("alerts.webhook.headers", "no colon"))
                .bind("alerts", AlertsSettings.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'Name: value'");
    }
}
