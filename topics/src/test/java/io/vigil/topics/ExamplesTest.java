package io.vigil.topics;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.topics.serde.DecodeResult;
import io.vigil.topics.serde.Json;
import io.vigil.topics.serde.JsonSerde;
import io.vigil.topics.serde.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example documents under {@code examples/<Type>/}: every {@code valid-*.json} decodes (and re-encodes to
 * the same record); every {@code invalid-*.json} holds {@code event} plus the violation it must produce
 * ({@code expectPath}, a fragment of {@code expectReason}, {@code expectKind}).
 */
class ExamplesTest {

    static Path root() throws URISyntaxException {
        return Path.of(ExamplesTest.class.getResource("/examples").toURI());
    }

    static Stream<Path> examples(String prefix) throws Exception {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json"))
                    .sorted().toList().stream();
        }
    }

    static Stream<Path> valid() throws Exception {
        return examples("valid-");
    }

    static Stream<Path> invalid() throws Exception {
        return examples("invalid-");
    }

    @SuppressWarnings("unchecked")
    static JsonSerde<Object> serdeFor(Path example) throws ClassNotFoundException {
        String type = example.getParent().getFileName().toString();
        return new JsonSerde<>((Class<Object>) Class.forName("io.vigil.topics.events." + type), type);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validExampleDecodesAndRoundTrips(Path example) throws Exception {
        JsonSerde<Object> serde = serdeFor(example);
        DecodeResult<Object> result = serde.tryDecode(Files.readAllBytes(example));

        assertThat(result).isInstanceOf(DecodeResult.Valid.class);
        Object value = result.orThrow();
        assertThat(value).isNotNull();
        assertThat(serde.decode(serde.encode(value))).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidExampleNamesTheField(Path example) throws Exception {
        JsonNode doc = Json.mapper().readTree(example.toFile());
        JsonSerde<Object> serde = serdeFor(example);
        byte[] event = Json.mapper().writeValueAsBytes(doc.required("event"));

        DecodeResult<Object> result = serde.tryDecode(event);

        assertThat(result).isInstanceOf(DecodeResult.Invalid.class);
        DecodeResult.Invalid<Object> invalid = (DecodeResult.Invalid<Object>) result;
        assertThat(invalid.kind().wire()).isEqualTo(doc.required("expectKind").asText());
        assertThat(invalid.violations()).as(invalid.message()).anySatisfy((Violation v) -> {
            assertThat(v.path()).isEqualTo(doc.required("expectPath").asText());
            assertThat(v.reason()).contains(doc.required("expectReason").asText());
        });
        assertThat(invalid.message()).startsWith(serde.schemaName() + " is invalid: ");
    }

    @Test
    void everyTypeHasValidAndInvalidExamples() throws Exception {
        for (String type : Samples.all().keySet()) {
            Path dir = root().resolve(type);
            assertThat(dir).as(type).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                var names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).as(type).anyMatch(n -> n.startsWith("valid-")).anyMatch(n -> n.startsWith("invalid-"));
            }
        }
    }

}
