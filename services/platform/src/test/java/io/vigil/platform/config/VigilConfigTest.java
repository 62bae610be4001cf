package io.vigil.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VigilConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreLoadedFromTheClasspath() {
        VigilConfig config = VigilConfig.defaults();
        KafkaSettings kafka = config.bind("kafka", KafkaSettings.class);
        assertThat(kafka.useEmbedded()).isTrue();
        assertThat(kafka.securityProtocol()).isEqualTo("PLAINTEXT");
        assertThat(config.bind("http", HttpSettings.class)).isEqualTo(new HttpSettings("127.0.0.1", 8080));
        assertThat(config.bind("elasticsearch", ElasticsearchConfig.class).useEmbedded()).isTrue();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void laterLayersWin_defaultsThenFileThenEnvironmentThenCommandLine() throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrap-servers: file:9092
                  client-id-prefix: from-file
                http:
                  port: 9000
                elasticsearch:
                  urls: [https://es-file:9200]
                """);
        VigilConfig config = VigilConfig.load(file,
                Map.of("VIGIL_KAFKA__BOOTSTRAP_SERVERS", "env:9092", "VIGIL_HTTP__PORT", "9100", "PATH", "/usr/bin"),
                Map.of("http.port", "9200"));

        KafkaSettings kafka = config.bind("kafka", KafkaSettings.class);
        assertThat(kafka.bootstrapServers()).isEqualTo("env:9092");        // env over file
        assertThat(kafka.clientIdPrefix()).isEqualTo("from-file");         // file over default
        assertThat(config.bind("http", HttpSettings.class).port()).isEqualTo(9200); // command line over env
        assertThat(config.bind("elasticsearch", ElasticsearchConfig.class).urls()).containsExactly("https://es-file:9200");
        assertThat(config.describe()).contains("kafka.bootstrap-servers = env:9092  (environment VIGIL_KAFKA__BOOTSTRAP_SERVERS)");
    }

    @Test
    void listsComeAsCommaSeparatedValuesFromTheEnvironment() {
        VigilConfig config = VigilConfig.load(null,
                Map.of("VIGIL_ELASTICSEARCH__URLS", "https://a:9200, https://b:9200"), Map.of());
        assertThat(config.bind("elasticsearch", ElasticsearchConfig.class).urls())
                .containsExactly("https://a:9200", "https://b:9200");
    }

    @Test
    void environmentNamesMapToKebabCaseKeys() {
        assertThat(VigilConfig.envToKey("VIGIL_KAFKA__BOOTSTRAP_SERVERS")).isEqualTo("kafka.bootstrap-servers");
        assertThat(VigilConfig.envToKey("VIGIL_DATA_DIR")).isEqualTo("data-dir");
        assertThat(VigilConfig.envToKey("VIGIL_KAFKA__EMBEDDED__CONTROLLER_PORT")).isEqualTo("kafka.embedded.controller-port");
    }

    @Test
    void secretsAreMaskedEverywhereTheyCouldBePrinted() {
        VigilConfig config = VigilConfig.load(null, Map.of("VIGIL_KAFKA__PASSWORD", "hunter2-kafka"),
                Map.of("elasticsearch.api-key", "es-key-123"));
        assertThat(config.describe()).doesNotContain("hunter2-kafka").doesNotContain("es-key-123")
                .contains("kafka.password = ****").contains("elasticsearch.api-key = ****");
        KafkaSettings kafka = config.bind("kafka", KafkaSettings.class);
        assertThat(kafka.toString()).doesNotContain("hunter2-kafka");
        assertThat(kafka.password().reveal()).isEqualTo("hunter2-kafka");
        assertThat(config.bind("elasticsearch", ElasticsearchConfig.class).toString()).doesNotContain("es-key-123");
    }

    @Test
    void unknownKeysAreReported() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "kafka:\n  bootstrap-server: x:9092\n");
        VigilConfig config = VigilConfig.load(file, Map.of("VIGIL_HTTP__PROT", "1"), Map.of());
        assertThat(config.warnings()).containsExactlyInAnyOrder(
                "unknown key 'kafka.bootstrap-server' from file typo.yaml",
                "unknown key 'http.prot' from environment VIGIL_HTTP__PROT");
        // binding a section that holds an unknown key fails with the key named
        assertThatThrownBy(() -> config.bind("kafka", KafkaSettings.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap-server");
    }

    @Test
    void invalidValuesFailWithTheKeyNamed() {
        VigilConfig badPort = VigilConfig.load(null, Map.of(), Map.of("http.port", "eighty"));
        assertThatThrownBy(() -> badPort.bind("http", HttpSettings.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'http'").hasMessageContaining("eighty");
        VigilConfig badProtocol = VigilConfig.load(null, Map.of(), Map.of("kafka.security-protocol", "TLS"));
        assertThatThrownBy(() -> badProtocol.bind("kafka", KafkaSettings.class))
                .hasMessageContaining("kafka.security-protocol");
        VigilConfig badUrl = VigilConfig.load(null, Map.of(), Map.of("elasticsearch.urls", "es:9200"));
        assertThatThrownBy(() -> badUrl.bind("elasticsearch", ElasticsearchConfig.class))
                .hasMessageContaining("must start with http");
    }

    @Test
    void missingConfigFileIsAClearError() {
        assertThatThrownBy(() -> VigilConfig.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void kafkaClientPropertiesCarrySecurityWithoutLeakingIt() {
        KafkaSettings s = VigilConfig.load(null, Map.of(), Map.of(
                "kafka.bootstrap-servers", "b:9093", "kafka.security-protocol", "SASL_SSL",
                "kafka.sasl-mechanism", "SCRAM-SHA-512", "kafka.username", "vigil", "kafka.password", "p\"w"))
                .bind("kafka", KafkaSettings.class);
        Map<String, Object> props = new io.vigil.platform.kafka.KafkaClients(s).consumer("c", "g");
        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("isolation.level", "read_committed").containsEntry("enable.auto.commit", false);
        assertThat((String) props.get("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                .contains("password=\"p\\\"w\"");
        assertThat(List.of(s.toString())).noneMatch(x -> x.contains("p\"w"));
    }
}
