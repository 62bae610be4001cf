package io.vigil.platform.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.InfoResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real node in-process: start, info/ping over HTTP, and data surviving a restart on the same directory. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedElasticsearchIT {

    @TempDir
    static Path dataDir;

    static EmbeddedElasticsearch es;

    @BeforeAll
    static void start() {
        es = EmbeddedElasticsearch.builder(dataDir).clusterName("vigil-it").build().start();
        System.out.printf("embedded Elasticsearch started in %d ms%n", es.lastStartDuration().toMillis());
    }

    @AfterAll
    static void stop() {
        if (es != null) es.close();
    }

    @Test
    void answersInfoAndPingOnLoopback() throws Exception {
        assertThat(es.httpUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        try (ElasticsearchClient client = ElasticsearchClients.create(ElasticsearchSettings.local(es.httpUrl()))) {
            assertThat(client.ping().value()).isTrue();
            InfoResponse info = client.info();
            assertThat(info.version().number()).isEqualTo("9.5.3");
            assertThat(info.clusterName()).isEqualTo("vigil-it");
            assertThat(info.clusterUuid()).isNotBlank().isNotEqualTo("_na_");
            assertThat(client.cluster().health().status()).isIn(HealthStatus.Green, HealthStatus.Yellow);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // restarts the shared node: last
    void documentIndexedBeforeStopIsFoundAfterRestart() throws Exception {
        String url = es.httpUrl();
        try (ElasticsearchClient client = ElasticsearchClients.create(ElasticsearchSettings.local(url))) {
            client.index(i -> i.index("restart-check").id("doc-1").document(Map.of("msg", "survives"))
                    .refresh(Refresh.True));
        }

        es.restart();
        es.stop(); // idempotent stop/close must not throw
        es.stop();
        es.start();

        assertThat(es.httpUrl()).as("restart keeps the port").isEqualTo(url);
        try (ElasticsearchClient client = ElasticsearchClients.create(ElasticsearchSettings.local(es.httpUrl()))) {
            @SuppressWarnings("rawtypes")
            GetResponse<Map> got = client.get(g -> g.index("restart-check").id("doc-1"), Map.class);
            assertThat(got.found()).isTrue();
            assertThat(got.source().get("msg")).isEqualTo("survives");
        }
    }

    @Test
    void neverAutoCreatesAnIndexNamedLikeAReadAlias() throws Exception {
        try (ElasticsearchClient client = ElasticsearchClients.create(ElasticsearchSettings.local(es.httpUrl()))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            client.index(i -> i.index("vigil-news").id("x").document(Map.of("id", "x"))))
                    .isInstanceOf(co.elastic.clients.elasticsearch._types.ElasticsearchException.class)
                    .hasMessageContaining("index_not_found_exception");
            client.index(i -> i.index("vigil-news-2026.11.22").id("x").document(Map.of("id", "x")));
            assertThat(client.indices().exists(e -> e.index("vigil-news-2026.11.22")).value()).isTrue();
        }
    }

    @Test
    void refusesXpackSettings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> EmbeddedElasticsearch.builder(dataDir).setting("xpack.security.enabled", "false"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xpack");
    }
}
