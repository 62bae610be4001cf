package io.vigil.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.health.Health;
import io.vigil.platform.health.Metrics;
import io.vigil.platform.health.OpsEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiTest {

    record Greeting(String name, int times) {
        Greeting {
            if (times < 1) throw new IllegalArgumentException("times must be >= 1");
        }
    }

    static HttpApi api;
    static final HttpClient client = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    static final AtomicBoolean kafkaUp = new AtomicBoolean(true);
    static Metrics metrics;

    @BeforeAll
    static void start() {
        api = new HttpApi("127.0.0.1", 0, 1024);
        Health health = new Health().register("kafka", () -> kafkaUp.get() ? Health.Status.up("ok") : Health.Status.down("broker unreachable"));
        metrics = new Metrics();
        OpsEndpoints.mount(api, health, metrics);
        api.get("/v1/items/{id}", req -> Response.ok(Map.of("id", req.pathParam("id"))));
        api.post("/v1/greet", req -> {
            Greeting g = req.json(Greeting.class);
            return Response.ok(Map.of("text", ("hi " + g.name() + " ").repeat(g.times()).trim()));
        });
        api.get("/v1/boom", req -> {
            throw new IllegalStateException("secret internals");
        });
        api.get("/v1/forbidden", req -> {
            throw ApiException.forbidden("role analyst cannot promote models");
        });
        api.start();
    }

    @AfterAll
    static void stop() {
        api.close();
        metrics.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + path));
    }

    @Test
    void routesWithPathParameters() throws Exception {
        HttpResponse<String> r = send(req("/v1/items/a%20b"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).get("id").asText()).isEqualTo("a b");
    }

    @Test
    void jsonBodiesBindToRecords() throws Exception {
        HttpResponse<String> r = send(req("/v1/greet").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ana\",\"times\":2}")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).get("text").asText()).isEqualTo("hi ana hi ana");
    }

    @Test
    void badRequestsGet4xxWithTheFieldNamed() throws Exception {
        JsonNode malformed = json.readTree(send(req("/v1/greet").POST(HttpRequest.BodyPublishers.ofString("{\"name\":"))).body());
        assertThat(malformed.get("status").asInt()).isEqualTo(400);
        assertThat(malformed.get("message").asText()).startsWith("request body is not valid JSON");

        HttpResponse<String> wrongType = send(req("/v1/greet").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"times\":\"x\"}")));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrongType.body()).get("message").asText()).startsWith("field 'times':");

        HttpResponse<String> invalid = send(req("/v1/greet").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"times\":0}")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("times must be >= 1");

        HttpResponse<String> empty = send(req("/v1/greet").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(empty.statusCode()).isEqualTo(400);

        HttpResponse<String> notUtf8 = send(req("/v1/greet").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{'{', (byte) 0xC3, '}'})));
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(notUtf8.body()).contains("not valid UTF-8");

        HttpResponse<String> tooBig = send(req("/v1/greet").POST(HttpRequest.BodyPublishers.ofString("x".repeat(2000))));
        assertThat(tooBig.statusCode()).isEqualTo(413);
    }

    @Test
    void unknownPathsAndMethodsAreDistinguished() throws Exception {
        assertThat(send(req("/nope")).statusCode()).isEqualTo(404);
        assertThat(send(req("/v1/greet")).statusCode()).isEqualTo(405);
    }

    @Test
    void typedExceptionsMapToTheirStatusAndOtherFailuresHideInternals() throws Exception {
        HttpResponse<String> forbidden = send(req("/v1/forbidden"));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("role analyst cannot promote models");
        HttpResponse<String> boom = send(req("/v1/boom"));
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).doesNotContain("secret internals");
    }

    @Test
    void healthReflectsItsChecks() throws Exception {
        kafkaUp.set(true);
        HttpResponse<String> up = send(req("/health"));
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json.readTree(up.body()).get("state").asText()).isEqualTo("UP");
        kafkaUp.set(false);
        HttpResponse<String> down = send(req("/health"));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json.readTree(down.body()).at("/checks/kafka/detail").asText()).isEqualTo("broker unreachable");
        kafkaUp.set(true);
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        HttpResponse<String> r = send(req("/metrics"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body()).contains("jvm_memory_used_bytes").contains("application=\"vigil\"");
    }
}
