package io.vigil.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.platform.config.ConfigException;
import io.vigil.platform.config.VigilConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsBindAndKeysAreHashes() {
        FeedbackSettings s = VigilConfig.defaults().bind("feedback", FeedbackSettings.class);
        assertThat(s.apiKeys()).isEmpty();
        assertThat(s.fineTune().everyCorrections()).isEqualTo(100);
        assertThat(s.gate().holdoutTolerance()).isEqualTo(0.01);
        assertThat(VigilConfig.defaults().warnings()).isEmpty();
        assertThat(ApiKeys.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void badRolesAndHashesAreRefused() {
        assertThatThrownBy(() -> new FeedbackSettings.ApiKeySpec("x", "root", ApiKeys.sha256("k")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("role must be analyst, admin or service");
        assertThatThrownBy(() -> new FeedbackSettings.ApiKeySpec("x", "admin", "secret-in-clear"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("64 hex digits");
        VigilConfig c = VigilConfig.load(null, Map.of(), Map.of("feedback.gate.holdout-tolerance", "-1"));
        assertThatThrownBy(() -> c.bind("feedback", FeedbackSettings.class)).isInstanceOf(ConfigException.class);
    }
}
