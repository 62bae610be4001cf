package io.vigil.topics;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.topics.serde.Json;
import io.vigil.topics.serde.JsonSerde;
import io.vigil.topics.serde.Schemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Records and schemas agree: a fully populated record validates, writes every field, and round-trips. */
class RoundTripTest {

    static Stream<String> types() {
        return Samples.all().keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("types")
    void fullyPopulatedRecordValidatesAndRoundTrips(String type) throws Exception {
        Object sample = Samples.all().get(type);
        @SuppressWarnings("unchecked")
        JsonSerde<Object> serde = new JsonSerde<>((Class<Object>) sample.getClass(), type);

        byte[] bytes = serde.serialize("any", sample);
        JsonNode tree = Json.mapper().readTree(bytes);

        assertThat(Schemas.validate(type, tree)).isEmpty();
        // every component is written: the sample is fully populated and the schema knows every field
        for (RecordComponent c : sample.getClass().getRecordComponents())
            assertThat(tree.has(c.getName())).as("%s.%s is written", type, c.getName()).isTrue();
        assertThat(tree.size()).isEqualTo(sample.getClass().getRecordComponents().length);
        assertThat(serde.deserialize("any", bytes)).isEqualTo(sample);
    }

    @ParameterizedTest
    @MethodSource("types")
    void schemaDeclaresExactlyTheRecordComponents(String type) {
        Object sample = Samples.all().get(type);
        JsonNode schema = Schemas.get(type).getSchemaNode();
        assertThat(schema.path("$id").asText()).isEqualTo("https://vigil.io/schemas/" + type + ".schema.json");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        var names = Stream.of(sample.getClass().getRecordComponents()).map(RecordComponent::getName).toList();
        List<String> props = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(props::add);
        // same names in the same order: the envelope first, then the README's order
        assertThat(props).containsExactlyElementsOf(names);
    }
}
