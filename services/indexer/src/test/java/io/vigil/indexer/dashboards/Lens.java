package io.vigil.indexer.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** A small builder of Kibana 9 Lens saved objects (form-based datasource), one or more layers each on a data view. */
final class Lens {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    enum Chart { BAR_STACKED, LINE, BAR_HORIZONTAL, TABLE, METRIC, DONUT }

    /** One column of a layer; bucket columns first, in nesting order. */
    record Col(String id, ObjectNode json, boolean bucketed) {
    }

    static final class Layer {
        final String id;
        final String dataView;
        final List<Col> cols = new ArrayList<>();

        Layer(String id, String dataView) {
            this.id = id;
            this.dataView = dataView;
        }

        private Col add(String suffix, ObjectNode json, boolean bucketed) {
            Col c = new Col(id + "-" + suffix, json, bucketed);
            cols.add(c);
            return c;
        }

        Layer dateHistogram(String field) {
            ObjectNode j = col(field, "date", "date_histogram", true, "interval");
            j.putObject("params").put("interval", "auto").put("includeEmptyRows", true).put("dropPartials", false);
            add("x", j, true);
            return this;
        }

        /** Top values of a keyword field, ordered by the layer's first metric (or alphabetically when there is none yet). */
        Layer terms(String field, int size, String orderByMetricSuffix) {
            ObjectNode j = col("Top values of " + field, "string", "terms", true, "ordinal");
            j.put("sourceField", field);
            ObjectNode p = j.putObject("params");
            p.put("size", size);
            if (orderByMetricSuffix != null) p.putObject("orderBy").put("type", "column").put("columnId", id + "-" + orderByMetricSuffix);
            else p.putObject("orderBy").put("type", "alphabetical").put("fallback", true);
            p.put("orderDirection", "desc").put("otherBucket", false).put("missingBucket", false);
            p.putObject("parentFormat").put("id", "terms");
            add("t" + cols.size(), j, true);
            return this;
        }

        Layer histogram(String field) {
            ObjectNode j = col(field, "number", "range", true, "interval");
            j.put("sourceField", field);
            ObjectNode p = j.putObject("params");
            p.put("type", "histogram").put("maxBars", "auto").put("includeEmptyRows", true);
            p.putArray("ranges").addObject().put("from", 0).put("to", 1).put("label", "");
            add("h", j, true);
            return this;
        }

        Layer count(String suffix, String label) {
            ObjectNode j = col(label, "number", "count", false, "ratio");
            j.put("sourceField", "___records___").put("customLabel", true);
            j.putObject("params").put("emptyAsNull", true);
            add(suffix, j, false);
            return this;
        }

        /** average, max, min, sum, median, unique_count on a field. */
        Layer metric(String suffix, String operation, String field, String label) {
            ObjectNode j = col(label, "number", operation, false, "ratio");
            j.put("sourceField", field).put("customLabel", true);
            j.putObject("params").put("emptyAsNull", true);
            add(suffix, j, false);
            return this;
        }

        Layer percentile(String suffix, String field, int percentile, String label) {
            ObjectNode j = col(label, "number", "percentile", false, "ratio");
            j.put("sourceField", field).put("customLabel", true);
            j.putObject("params").put("percentile", percentile);
            add(suffix, j, false);
            return this;
        }

        private ObjectNode col(String label, String dataType, String op, boolean bucketed, String scale) {
            ObjectNode j = F.objectNode();
            j.put("label", label).put("dataType", dataType).put("operationType", op).put("isBucketed", bucketed).put("scale", scale);
            if (!label.startsWith("Top values") && dataType.equals("date")) j.put("sourceField", label);
            return j;
        }

        List<String> metricIds() {
            return cols.stream().filter(c -> !c.bucketed()).map(Col::id).toList();
        }

        List<String> bucketIds() {
            return cols.stream().filter(Col::bucketed).map(Col::id).toList();
        }
    }

    final String id;
    final String title;
    final String description;
    final Chart chart;
    final String query;
    final List<Layer> layers = new ArrayList<>();

    Lens(String id, String title, String description, Chart chart, String query) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.chart = chart;
        this.query = query == null ? "" : query;
    }

    Layer layer(String dataView) {
        Layer l = new Layer(id + "-l" + layers.size(), dataView);
        layers.add(l);
        return l;
    }

    ObjectNode savedObject() {
        ObjectNode o = F.objectNode();
        o.put("id", id).put("type", "lens");
        ObjectNode a = o.putObject("attributes");
        a.put("title", title).put("description", description);
        a.put("visualizationType", switch (chart) {
            case TABLE -> "lnsDatatable";
            case METRIC -> "lnsMetric";
            case DONUT -> "lnsPie";
            default -> "lnsXY";
        });
        ObjectNode state = a.putObject("state");
        ObjectNode dsLayers = state.putObject("datasourceStates").putObject("formBased").putObject("layers");
        ArrayNode refs = o.putArray("references");
        for (Layer l : layers) {
            ObjectNode layer = dsLayers.putObject(l.id);
            ObjectNode cols = layer.putObject("columns");
            ArrayNode order = layer.putArray("columnOrder");
            for (Col c : l.cols) {
                cols.set(c.id(), c.json());
                order.add(c.id());
            }
            layer.putObject("incompleteColumns");
            refs.addObject().put("type", "index-pattern").put("id", l.dataView).put("name", "indexpattern-datasource-layer-" + l.id);
        }
        state.set("visualization", visualization());
        state.putObject("query").put("query", query).put("language", "kuery");
        state.putArray("filters");
        state.putArray("internalReferences");
        state.putObject("adHocDataViews");
        o.put("coreMigrationVersion", "8.8.0").put("typeMigrationVersion", "8.9.0");
        return o;
    }

    private ObjectNode visualization() {
        ObjectNode v = F.objectNode();
        Layer first = layers.getFirst();
        switch (chart) {
            case TABLE -> {
                v.put("layerId", first.id).put("layerType", "data");
                ArrayNode columns = v.putArray("columns");
                first.cols.forEach(c -> columns.addObject().put("columnId", c.id()));
            }
            case METRIC -> v.put("layerId", first.id).put("layerType", "data").put("metricAccessor", first.metricIds().getFirst());
            case DONUT -> {
                v.put("shape", "donut");
                ObjectNode l = v.putArray("layers").addObject();
                l.put("layerId", first.id).put("layerType", "data");
                first.bucketIds().forEach(l.putArray("primaryGroups")::add);
                first.metricIds().forEach(l.putArray("metrics")::add);
                l.put("numberDisplay", "percent").put("categoryDisplay", "default").put("legendDisplay", "default");
            }
            default -> {
                String series = switch (chart) {
                    case LINE -> "line";
                    case BAR_HORIZONTAL -> "bar_horizontal";
                    default -> "bar_stacked";
                };
                v.putObject("legend").put("isVisible", true).put("position", "right");
                v.put("valueLabels", "hide").put("preferredSeriesType", series);
                ArrayNode ls = v.putArray("layers");
                for (Layer l : layers) {
                    ObjectNode x = ls.addObject();
                    x.put("layerId", l.id).put("layerType", "data").put("seriesType", series);
                    List<String> buckets = l.bucketIds();
                    // x axis = the date histogram / histogram if any, else the first terms; a second bucket splits series
                    String xCol = buckets.stream().filter(b -> b.endsWith("-x") || b.endsWith("-h")).findFirst().orElse(buckets.getFirst());
                    x.put("xAccessor", xCol);
                    buckets.stream().filter(b -> !b.equals(xCol)).findFirst().ifPresent(s -> x.put("splitAccessor", s));
                    l.metricIds().forEach(x.putArray("accessors")::add);
                }
            }
        }
        return v;
    }
}
