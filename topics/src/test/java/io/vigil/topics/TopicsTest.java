package io.vigil.topics;

import io.vigil.topics.serde.JsonSerde;
import io.vigil.topics.serde.Schemas;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Topics.java and topics.yaml agree both ways; every value type has a record and a schema. */
class TopicsTest {

    private static final TopicCatalog CATALOG = TopicCatalog.standard();

    /** The public static Topic constants of Topics, by topic name. */
    private static Map<String, Field> constants() throws IllegalAccessException {
        Map<String, Field> out = new HashMap<>();
        for (Field f : Topics.class.getDeclaredFields()) {
            if (f.getType() != Topic.class || !Modifier.isStatic(f.getModifiers())) continue;
            assertThat(Modifier.isPublic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())).as(f.getName()).isTrue();
            Topic<?, ?> t = (Topic<?, ?>) f.get(null);
            assertThat(out.put(t.name(), f)).as("two constants for " + t.name()).isNull();
        }
        return out;
    }

    private static Class<?> recordOf(String valueType) throws ClassNotFoundException {
        return Class.forName("io.vigil.topics.events." + valueType);
    }

    @Test
    void everyCatalogTopicHasExactlyOneConstantWithTheRightValueClass() throws Exception {
        Map<String, Field> constants = constants();
        for (TopicSpec spec : CATALOG.all()) {
            Field f = constants.get(spec.name());
            assertThat(f).as("constant for " + spec.name()).isNotNull();
            var args = ((ParameterizedType) f.getGenericType()).getActualTypeArguments();
            assertThat(args[0]).as(f.getName() + " key").isEqualTo(String.class);
            assertThat(args[1]).as(f.getName() + " value").isEqualTo(recordOf(spec.valueType()));
            Topic<?, ?> t = (Topic<?, ?>) f.get(null);
            assertThat(t.spec()).isEqualTo(spec);
            assertThat(((JsonSerde<?>) t.valueSerde()).type()).isEqualTo(recordOf(spec.valueType()));
            assertThat(f.getName()).isEqualTo(spec.name().toUpperCase(Locale.ROOT).replace('.', '_'));
        }
    }

    @Test
    void everyConstantIsInTheCatalog() throws Exception {
        assertThat(constants().keySet()).containsExactlyInAnyOrderElementsOf(CATALOG.all().stream().map(TopicSpec::name).toList());
    }

    @Test
    void allListsEveryConstantInCatalogOrder() throws Exception {
        assertThat(Topics.all()).extracting(Topic::name).containsExactlyElementsOf(CATALOG.all().stream().map(TopicSpec::name).toList());
        assertThat(Topics.all()).hasSize(constants().size());
        assertThat(Topics.byName("news.raw")).isSameAs(Topics.NEWS_RAW);
    }

    @Test
    void keysAreStrings() {
        byte[] key = Topics.TRANSACTIONS_RAW.keySerde().serializer().serialize("transactions.raw", "C123");
        assertThat(Topics.TRANSACTIONS_RAW.keySerde().deserializer().deserialize("transactions.raw", key)).isEqualTo("C123");
    }

    @Test
    void dlqTopicsShareOneSerde() {
        assertThat(Topics.INGEST_DLQ.valueSerde()).isSameAs(Topics.INDEXER_DLQ.valueSerde());
    }

    @Test
    void everyValueTypeHasARecordAndASchema() throws Exception {
        for (TopicSpec spec : CATALOG.all()) {
            assertThat(recordOf(spec.valueType()).isRecord()).as(spec.valueType()).isTrue();
            assertThat(Schemas.exists(spec.valueType())).as(spec.valueType()).isTrue();
        }
    }

    @Test
    void everySchemaHasARecord() throws Exception {
        Path dir = Path.of(TopicsTest.class.getResource("/vigil/schemas").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> types = files.map(p -> p.getFileName().toString().replace(".schema.json", ""))
                    .filter(t -> !t.equals("Common")).toList();
            assertThat(types).hasSize(20);
            for (String type : types) assertThat(recordOf(type).isRecord()).as(type).isTrue();
        }
    }

    @Test
    void onlyTheReleasesTopicIsCompacted() {
        assertThat(CATALOG.all().stream().filter(TopicSpec::compacted).map(TopicSpec::name)).containsExactly("models.releases");
        assertThat(Topics.MODELS_RELEASES.spec().partitions()).isEqualTo(1);
    }

    @Test
    void partitionsAndReplicationArePositive() {
        for (TopicSpec spec : CATALOG.all()) {
            assertThat(spec.partitions()).as(spec.name()).isPositive();
            assertThat(spec.replicationFactor()).as(spec.name()).isPositive();
        }
    }

    @Test
    void rawPatientTextIsKeptBriefly() {
        assertThat(Long.parseLong(Topics.NOTES_RAW.spec().configs().get("retention.ms"))).isLessThanOrEqualTo(86_400_000L);
    }
}
