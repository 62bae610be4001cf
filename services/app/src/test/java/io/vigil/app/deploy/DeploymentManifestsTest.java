package io.vigil.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.vigil.app.Vigil;
import io.vigil.platform.config.VigilConfig;
import io.vigil.topics.TopicCatalog;
import io.vigil.topics.TopicSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment manifests cannot run here (no Docker engine, no Kubernetes), so their contract with the
 * code is checked instead: they parse, they run commands the CLI has, every VIGIL_* variable they set is a
 * configuration key some module declares, ports and probes match the HTTP settings, and the Strimzi topics
 * are exactly the topic catalog (regenerate with -Dvigil.regenerate=true).
 */
class DeploymentManifestsTest {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Set<String> COMMANDS = Vigil.commandLine().getSubcommands().keySet();

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) docs.add(n);
            }
        }
        return docs;
    }

    static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> s = Files.walk(DEPLOY)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    static void assertKnownConfig(String where, Map<String, String> env) {
        Map<String, String> vigil = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("VIGIL_")) vigil.put(k, v == null ? "" : v);
        });
        VigilConfig config = VigilConfig.load(null, vigil, Map.of());
        assertThat(config.warnings()).as(where + ": unknown configuration keys").isEmpty();
    }

    @Test
    void everyManifestParses() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).extracting(p -> DEPLOY.relativize(p).toString())
                .contains("docker-compose.yml", "k8s/15-topics.yaml", "k8s/30-services.yaml");
        for (Path f : files) assertThat(documents(f)).as(f.toString()).isNotEmpty();
    }

    @Test
    void composeServicesRunRealCommandsWithKnownConfiguration() throws IOException {
        JsonNode compose = documents(DEPLOY.resolve("docker-compose.yml")).get(0);
        JsonNode services = compose.get("services");
        List<String> vigilServices = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            if (!"vigil:dev".equals(s.path("image").asText())) return;
            if (s.has("command")) {
                String command = s.get("command").get(0).asText();
                assertThat(COMMANDS).as("compose service " + e.getKey()).contains(command);
                vigilServices.add(command);
                Map<String, String> env = new LinkedHashMap<>();
                s.path("environment").fields().forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
                assertKnownConfig("compose " + e.getKey(), env);
                assertThat(s.path("ports").get(0).asText()).as(e.getKey() + " publishes on loopback only")
                        .startsWith("127.0.0.1:").endsWith(":8080");
            }
        });
        assertThat(vigilServices).containsExactlyInAnyOrder("ingest", "inference", "feedback", "indexer", "alerts", "monitors");
        // every published port binds loopback
        services.fields().forEachRemaining(e -> e.getValue().path("ports").forEach(p ->
                assertThat(p.asText()).as(e.getKey()).startsWith("127.0.0.1:")));
        // the dashboards job runs the import script the image carries
        assertThat(services.at("/dashboards/entrypoint/1").asText()).isEqualTo("/opt/vigil/dashboards/import.sh");
        assertThat(ROOT.resolve("dashboards/import.sh")).exists();
        // the image build points at the Dockerfile, whose defaults are known keys and whose port is the one published
        assertThat(services.at("/ingest/build/dockerfile").asText()).isEqualTo("deploy/docker/Dockerfile");
        Map<String, String> dockerEnv = dockerfileEnv();
        assertKnownConfig("Dockerfile", dockerEnv);
        assertThat(dockerEnv).containsEntry("VIGIL_HTTP__PORT", "8080").containsEntry("OPT_OUT_TRACKING", "true");
        assertThat(Files.readString(DEPLOY.resolve("docker/Dockerfile"))).contains("EXPOSE 8080")
                .contains("io.vigil.app.Vigil");
    }

    static Map<String, String> dockerfileEnv() throws IOException {
        String text = Files.readString(DEPLOY.resolve("docker/Dockerfile")).replace("\\\n", " ");
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("ENV ")) continue;
            var m = java.util.regex.Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(line.substring(4));
            while (m.find()) env.put(m.group(1), m.group(2).replace("\"", ""));
        }
        return env;
    }

    @Test
    void kubernetesDeploymentsRunRealCommandsWithProbesOnTheirHttpPort() throws IOException {
        List<String> deployed = new ArrayList<>();
        for (JsonNode doc : documents(DEPLOY.resolve("k8s/30-services.yaml"))) {
            if (!"Deployment".equals(doc.path("kind").asText())) continue;
            JsonNode c = doc.at("/spec/template/spec/containers/0");
            String command = c.at("/args/0").asText();
            assertThat(COMMANDS).as(doc.at("/metadata/name").asText()).contains(command);
            deployed.add(command);
            Map<String, String> env = new LinkedHashMap<>();
            c.path("env").forEach(e -> env.put(e.get("name").asText(), e.path("value").asText("from-secret")));
            assertKnownConfig("k8s " + command, env);
            assertThat(c.at("/ports/0/containerPort").asText()).isEqualTo(env.get("VIGIL_HTTP__PORT"));
            assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health");
            assertThat(c.at("/image").asText()).startsWith("vigil:");
            if (command.equals("inference")) {
                assertThat(c.at("/resources/limits/nvidia.com~1gpu").asInt()).isEqualTo(1);
            }
        }
        assertThat(deployed).containsExactlyInAnyOrder("ingest", "inference", "feedback", "indexer", "alerts", "monitors");
    }

    @Test
    void strimziTopicsAreExactlyTheCatalog() throws IOException {
        String expected = renderTopics(TopicCatalog.standard());
        Path file = DEPLOY.resolve("k8s/15-topics.yaml");
        if (Boolean.getBoolean("vigil.regenerate")) Files.writeString(file, expected);
        assertThat(Files.readString(file)).as("deploy/k8s/15-topics.yaml is stale: rerun with -Dvigil.regenerate=true")
                .isEqualTo(expected);
    }

    static String renderTopics(TopicCatalog catalog) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        StringBuilder out = new StringBuilder("# Generated from topics/src/main/resources/vigil/topics.yaml by DeploymentManifestsTest\n"
                + "# (mvn verify -pl services/app -Dvigil.regenerate=true). Do not edit by hand.\n");
        for (TopicSpec t : catalog.all()) {
            ObjectNode doc = yaml.createObjectNode();
            doc.put("apiVersion", "kafka.strimzi.io/v1beta2");
            doc.put("kind", "KafkaTopic");
            ObjectNode meta = doc.putObject("metadata");
            meta.put("name", t.name().replace('.', '-'));
            meta.put("namespace", "vigil");
            meta.putObject("labels").put("strimzi.io/cluster", "vigil");
            ObjectNode spec = doc.putObject("spec");
            spec.put("topicName", t.name());
            spec.put("partitions", t.partitions());
            spec.put("replicas", (int) t.replicationFactor());
            ObjectNode config = spec.putObject("config");
            new TreeMap<>(t.configs()).forEach(config::put);
            out.append("---\n").append(yaml.writeValueAsString(doc));
        }
        return out.toString();
    }
}
