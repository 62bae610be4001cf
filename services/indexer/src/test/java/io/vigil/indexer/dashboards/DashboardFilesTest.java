package io.vigil.indexer.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.indices.IndexFamily;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of dashboards/vigil.ndjson, checked without Kibana: it parses, references resolve, fields fit the mappings. */
class DashboardFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KQL = Pattern.compile("([\\w.@]+)\\s*:\\s*\"[^\"]*\"");
    private static List<JsonNode> objects;
    private static Map<String, JsonNode> byId;

    @BeforeAll
    static void load() throws Exception {
        if (Boolean.getBoolean("vigil.dashboards.write")) VigilDashboards.write();
        String text = Files.readString(VigilDashboards.repoFile(), StandardCharsets.UTF_8);
        objects = new ArrayList<>();
        for (String line : text.split("\n")) if (!line.isBlank()) objects.add(JSON.readTree(line));
        byId = new HashMap<>();
        for (JsonNode o : objects) byId.put(o.path("type").asText() + "/" + o.path("id").asText(), o);
    }

    @Test
    void committedFileIsWhatTheGeneratorWrites() throws Exception {
        assertThat(Files.readString(VigilDashboards.repoFile(), StandardCharsets.UTF_8))
                .as("regenerate with -Dvigil.dashboards.write=true").isEqualTo(VigilDashboards.ndjson());
    }

    @Test
    void everyLineIsASavedObjectWithAUniqueId() {
        assertThat(objects).isNotEmpty().allSatisfy(o -> {
            assertThat(o.path("id").asText()).isNotBlank();
            assertThat(o.path("type").asText()).isIn("index-pattern", "lens", "dashboard");
            assertThat(o.path("attributes").path("title").asText()).isNotBlank();
        });
        assertThat(byId).hasSize(objects.size());
    }

    @Test
    void oneDataViewPerReadAliasWithEventTime() throws Exception {
        for (IndexFamily f : IndexCatalog.standard().families()) {
            JsonNode dv = byId.get("index-pattern/" + VigilDashboards.dataView(f.name()));
            assertThat(dv).as(f.name()).isNotNull();
            assertThat(dv.path("attributes").path("title").asText()).isEqualTo(f.alias());
            assertThat(dv.path("attributes").path("timeFieldName").asText()).isEqualTo("eventTime");
            assertThat(new MappingFields(f).type("eventTime")).contains("date");
        }
    }

    @Test
    void everyReferenceResolves() throws Exception {
        for (JsonNode o : objects) {
            Set<String> names = new HashSet<>();
            for (JsonNode r : o.path("references")) {
                assertThat(byId).as(o.path("id") + " -> " + r).containsKey(r.path("type").asText() + "/" + r.path("id").asText());
                names.add(r.path("name").asText());
            }
            if (o.path("type").asText().equals("dashboard")) {
                JsonNode panels = JSON.readTree(o.path("attributes").path("panelsJSON").asText());
                assertThat(panels).isNotEmpty();
                for (JsonNode p : panels) {
                    assertThat(names).contains(p.path("panelIndex").asText() + ":" + p.path("panelRefName").asText());
                }
            }
            if (o.path("type").asText().equals("lens")) {
                o.path("attributes").path("state").path("datasourceStates").path("formBased").path("layers").properties()
                        .forEach(layer -> {
                            assertThat(names).contains("indexpattern-datasource-layer-" + layer.getKey());
                            Set<String> cols = new HashSet<>();
                            layer.getValue().path("columns").fieldNames().forEachRemaining(cols::add);
                            layer.getValue().path("columns").forEach(c -> {
                                String orderBy = c.path("params").path("orderBy").path("columnId").asText(null);
                                if (orderBy != null) assertThat(cols).as("terms ordered by a column of its layer").contains(orderBy);
                            });
                        });
            }
        }
    }

    @Test
    void everyFieldAVisualisationUsesExistsWithAFittingType() throws Exception {
        int checked = 0;
        for (JsonNode lens : objects) {
            if (!lens.path("type").asText().equals("lens")) continue;
            for (LensQuery.LayerQuery layer : LensQuery.of(lens, byId)) {
                MappingFields mapping = new MappingFields(IndexCatalog.standard().family(layer.alias()));
                for (LensQuery.Column c : layer.columns()) {
                    if (c.field() == null) continue;
                    String type = mapping.type(c.field()).orElse(null);
                    assertThat(type).as(lens.path("id") + ": " + c.field() + " in " + layer.alias()).isNotNull();
                    switch (c.operation()) {
                        case "terms" -> assertThat(type).as(c.field()).isEqualTo("keyword");
                        case "date_histogram" -> assertThat(type).as(c.field()).isEqualTo("date");
                        case "average", "sum", "median", "percentile", "range" ->
                                assertThat(MappingFields.numeric(type)).as(c.field() + " is numeric, not " + type).isTrue();
                        case "max", "min" -> assertThat(MappingFields.numeric(type) || type.equals("date")).as(c.field()).isTrue();
                        case "unique_count" -> assertThat(type).isIn("keyword", "long", "integer", "double", "float");
                        default -> throw new AssertionError("operation without an aggregation mapping: " + c.operation());
                    }
                    checked++;
                }
                Matcher m = KQL.matcher(layer.kql());
                while (m.find()) assertThat(mapping.type(m.group(1))).as("KQL field " + m.group(1)).contains("keyword");
            }
        }
        assertThat(checked).isGreaterThan(40);
    }
}
