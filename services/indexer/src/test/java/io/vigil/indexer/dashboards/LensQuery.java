package io.vigil.indexer.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Elasticsearch request Kibana runs for a Lens layer, written out explicitly: bucket columns nest in column
 * order, metric columns are leaves, the KQL {@code field : "value"} query becomes a term filter.
 * <pre>
 *   Lens operation     ->  ES aggregation
 *   date_histogram     ->  date_histogram (fixed_interval; Kibana picks it from the time range)
 *   terms              ->  terms (size, ordered by the metric column or by key)
 *   range (histogram)  ->  histogram (interval from maxBars; 0.05 on [0,1] scores)
 *   count              ->  the bucket's doc_count
 *   average/max/min/sum/median -> avg / max / min / sum / percentiles[50]
 *   percentile         ->  percentiles [p]
 *   unique_count       ->  cardinality
 * </pre>
 */
final class LensQuery {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern KQL = Pattern.compile("([\\w.@]+)\\s*:\\s*\"([^\"]*)\"");

    record Column(String id, String operation, String field, JsonNode params, boolean bucketed) {
    }

    record LayerQuery(String lensId, String alias, String kql, List<Column> columns) {

        List<Column> buckets() {
            return columns.stream().filter(Column::bucketed).toList();
        }

        List<Column> metrics() {
            return columns.stream().filter(c -> !c.bucketed()).toList();
        }

        /** The search body: size 0, the KQL as a filter (plus {@code extra}), the nested aggregations. */
        ObjectNode searchBody(ObjectNode extraFilter) {
            ObjectNode body = F.objectNode();
            body.put("size", 0);
            var filters = body.putObject("query").putObject("bool").putArray("filter");
            if (extraFilter != null) filters.add(extraFilter);
            Matcher m = KQL.matcher(kql);
            while (m.find()) filters.addObject().putObject("term").put(m.group(1), m.group(2));
            List<Column> buckets = buckets();
            if (buckets.isEmpty()) {
                body.set("aggs", metricAggs(metrics()));
                return body;
            }
            ObjectNode aggs = body.putObject("aggs");
            for (int i = 0; i < buckets.size(); i++) {
                ObjectNode agg = aggs.putObject(buckets.get(i).id());
                agg.set(bucketType(buckets.get(i)), bucketBody(buckets.get(i)));
                aggs = agg.putObject("aggs");
                // like Kibana's "orderAgg": a terms level ordered by a deeper metric gets its own copy of that metric
                Column orderBy = orderMetric(buckets.get(i));
                if (orderBy != null && !orderBy.operation().equals("count")) aggs.set(buckets.get(i).id() + "-order",
                        metricAggs(List.of(orderBy)).get(orderBy.id()));
            }
            aggs.setAll(metricAggs(metrics()));
            return body;
        }

        private Column orderMetric(Column terms) {
            String orderBy = terms.params().path("orderBy").path("columnId").asText(null);
            return orderBy == null ? null : columns.stream().filter(x -> x.id().equals(orderBy)).findFirst().orElse(null);
        }

        private ObjectNode metricAggs(List<Column> metrics) {
            ObjectNode aggs = F.objectNode();
            for (Column c : metrics) {
                if (c.operation().equals("count")) continue; // doc_count of the enclosing bucket
                ObjectNode a = aggs.putObject(c.id());
                switch (c.operation()) {
                    case "average" -> a.putObject("avg").put("field", c.field());
                    case "max", "min", "sum" -> a.putObject(c.operation()).put("field", c.field());
                    case "median" -> a.putObject("percentiles").put("field", c.field()).putArray("percents").add(50);
                    case "percentile" -> a.putObject("percentiles").put("field", c.field()).putArray("percents")
                            .add(c.params().path("percentile").asDouble());
                    case "unique_count" -> a.putObject("cardinality").put("field", c.field());
                    default -> throw new IllegalArgumentException("no aggregation for Lens operation " + c.operation());
                }
            }
            return aggs;
        }

        private String bucketType(Column c) {
            return switch (c.operation()) {
                case "date_histogram" -> "date_histogram";
                case "terms" -> "terms";
                case "range" -> "histogram";
                default -> throw new IllegalArgumentException("no bucket aggregation for Lens operation " + c.operation());
            };
        }

        private ObjectNode bucketBody(Column c) {
            ObjectNode b = F.objectNode();
            b.put("field", c.field());
            switch (c.operation()) {
                case "date_histogram" -> b.put("fixed_interval", "1h").put("min_doc_count", 1);
                case "range" -> b.put("interval", 0.05).put("min_doc_count", 1);
                case "terms" -> {
                    b.put("size", c.params().path("size").asInt(10));
                    Column metric = orderMetric(c);
                    String own = c.id() + "-order";
                    if (metric == null) b.putObject("order").put("_key", "asc");
                    else if (metric.operation().equals("count")) b.putObject("order").put("_count", "desc");
                    else if (metric.operation().equals("percentile") || metric.operation().equals("median"))
                        b.putObject("order").put(own + "[" + (metric.operation().equals("median") ? "50" : metric.params().path("percentile").asText("50")) + "]", "desc");
                    else b.putObject("order").put(own, "desc");
                }
                default -> { }
            }
            return b;
        }
    }

    /** Every layer of a Lens saved object, resolved to the read alias of its data view. */
    static List<LayerQuery> of(JsonNode lens, Map<String, JsonNode> objectsByTypeAndId) {
        List<LayerQuery> out = new ArrayList<>();
        JsonNode state = lens.path("attributes").path("state");
        String kql = state.path("query").path("query").asText("");
        state.path("datasourceStates").path("formBased").path("layers").properties().forEach(layer -> {
            String dvId = null;
            for (JsonNode r : lens.path("references")) {
                if (r.path("name").asText().equals("indexpattern-datasource-layer-" + layer.getKey())) dvId = r.path("id").asText();
            }
            JsonNode dv = objectsByTypeAndId.get("index-pattern/" + dvId);
            if (dv == null) throw new IllegalStateException("layer " + layer.getKey() + " has no data view");
            List<Column> cols = new ArrayList<>();
            JsonNode columns = layer.getValue().path("columns");
            for (JsonNode id : layer.getValue().path("columnOrder")) {
                JsonNode c = columns.path(id.asText());
                String field = c.path("sourceField").asText(null);
                if ("___records___".equals(field)) field = null;
                cols.add(new Column(id.asText(), c.path("operationType").asText(), field, c.path("params"), c.path("isBucketed").asBoolean()));
            }
            out.add(new LayerQuery(lens.path("id").asText(), dv.path("attributes").path("title").asText(), kql, cols));
        });
        return out;
    }
}
