package io.vigil.platform.elasticsearch;

import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElasticsearchSettingsTest {

    @Test
    void toStringNeverShowsSecrets() {
        var apiKey = new ElasticsearchSettings(List.of("https://es.example:9200"), "c2VjcmV0LWFwaS1rZXk=", null, null,
                null, "AA:BB:CC", Duration.ofSeconds(5));
        assertThat(apiKey.toString()).doesNotContain("c2VjcmV0LWFwaS1rZXk=").doesNotContain("AA:BB:CC")
                .contains("apiKey=****", "https://es.example:9200");

        var basic = new ElasticsearchSettings(List.of("https://es.example:9200"), null, "vigil", "hunter2-pass",
                Path.of("/etc/ca.crt"), null, null);
        assertThat(basic.toString()).doesNotContain("hunter2-pass").contains("username=vigil", "password=****");
        assertThat(basic.timeout()).isEqualTo(ElasticsearchSettings.DEFAULT_TIMEOUT);
    }

    @Test
    void rejectsContradictoryOrUnsafeInput() {
        assertThatThrownBy(() -> new ElasticsearchSettings(List.of(), null, null, null, null, null, null))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new ElasticsearchSettings(List.of("http://h:9200"), "k", "u", "p", null, null, null))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new ElasticsearchSettings(List.of("http://h:9200"), null, "u", null, null, null, null))
                .hasMessageContaining("needs a password");
        assertThatThrownBy(() -> new ElasticsearchSettings(List.of("http://h:9200"), null, null, null, null, "AB", null))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> ElasticsearchSettings.local("http://user:pw@h:9200"))
                .hasMessageContaining("credentials").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> ElasticsearchSettings.local("ftp://h")).hasMessageContaining("http");
        assertThatThrownBy(() -> new ElasticsearchSettings(List.of("http://h:9200"), null, null, null, null, null,
                Duration.ZERO)).hasMessageContaining("timeout");
    }

    @Test
    void urlsBecomeHosts() {
        HttpHost[] hosts = ElasticsearchClients.hosts(List.of("http://127.0.0.1:9201", "https://es.example"));
        assertThat(hosts[0].toURI()).isEqualTo("http://127.0.0.1:9201");
        assertThat(hosts[1].getSchemeName()).isEqualTo("https");
        assertThat(hosts[1].getPort()).isEqualTo(443);
        assertThatThrownBy(() -> ElasticsearchClients.hosts(List.of("http://h:9200/prefix")))
                .hasMessageContaining("path");
    }
}
