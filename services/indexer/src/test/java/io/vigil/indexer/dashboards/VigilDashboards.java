package io.vigil.indexer.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.indexer.dashboards.Lens.Chart;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.indices.IndexFamily;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vigil's Kibana dashboards, defined once here and written to dashboards/vigil.ndjson (Kibana 9 saved objects:
 * one data view per read alias with time field eventTime, Lens visualisations, dashboards).
 * Regenerate: run {@code DashboardFilesTest} with {@code -Dvigil.dashboards.write=true}.
 */
final class VigilDashboards {

    static final String FILE = "dashboards/vigil.ndjson";
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    record Dashboard(String id, String title, String description, List<Lens> panels) {
    }

    static String dataView(String family) {
        return "vigil-dv-" + family.substring("vigil-".length());
    }

    static List<Dashboard> dashboards() {
        List<Dashboard> out = new ArrayList<>();
        String news = dataView("vigil-news"), txn = dataView("vigil-transactions"), notes = dataView("vigil-notes"),
                alerts = dataView("vigil-alerts"), reviews = dataView("vigil-reviews"), corr = dataView("vigil-corrections"),
                models = dataView("vigil-models"), dlq = dataView("vigil-deadletters");

        Lens n1 = new Lens("vigil-news-volume", "News volume by sentiment", "Scored articles over time, split by predicted sentiment.", Chart.BAR_STACKED, null);
        n1.layer(news).dateHistogram("eventTime").terms("score.label", 3, "c").count("c", "Articles");
        Lens n2 = new Lens("vigil-news-confidence", "Sentiment confidence over time", "Average probability of the predicted label, per label.", Chart.LINE, null);
        n2.layer(news).dateHistogram("eventTime").terms("score.label", 3, "m").metric("m", "average", "score.score", "Average confidence");
        Lens n3 = new Lens("vigil-news-by-ticker", "Sentiment by ticker", "Articles per ticker, split by sentiment.", Chart.BAR_HORIZONTAL, null);
        n3.layer(news).terms("article.tickers", 15, "c").terms("score.label", 3, "c").count("c", "Articles");
        Lens n4 = new Lens("vigil-news-by-source", "Articles by source", "Where the scored news came from.", Chart.DONUT, null);
        n4.layer(news).terms("article.source", 10, "c").count("c", "Articles");
        Lens n5 = new Lens("vigil-news-most-negative", "Most negative headlines", "Headlines scored negative, most confident first.", Chart.TABLE, "score.label : \"negative\"");
        n5.layer(news).terms("article.title.keyword", 20, "m").terms("article.tickers", 3, "m").metric("m", "max", "score.score", "Negative confidence");
        out.add(new Dashboard("vigil-dashboard-news", "Vigil: news sentiment",
                "Market-surveillance view: volume and sentiment over time, by ticker and source, the most negative items.", List.of(n1, n2, n3, n4, n5)));

        Lens t1 = new Lens("vigil-txn-risk-distribution", "Fraud risk score distribution", "How scored transactions spread over the risk score.", Chart.BAR_STACKED, null);
        t1.layer(txn).histogram("score.score").count("c", "Transactions");
        Lens t2 = new Lens("vigil-txn-risk-percentiles", "Risk percentiles over time", "p50 / p95 / p99 of the fraud risk score.", Chart.LINE, null);
        t2.layer(txn).dateHistogram("eventTime").percentile("p50", "score.score", 50, "p50").percentile("p95", "score.score", 95, "p95")
                .percentile("p99", "score.score", 99, "p99");
        Lens t3 = new Lens("vigil-txn-by-type", "Transactions by type and label", "Scored transactions per type, split by predicted label.", Chart.BAR_STACKED, null);
        t3.layer(txn).terms("transaction.transaction.type", 10, "c").terms("score.label", 2, "c").count("c", "Transactions");
        Lens t4 = new Lens("vigil-txn-risk-by-category", "Average risk by merchant category", "Mean fraud risk per category.", Chart.BAR_HORIZONTAL, null);
        t4.layer(txn).terms("transaction.transaction.category", 15, "m").metric("m", "average", "score.score", "Average risk");
        Lens t5 = new Lens("vigil-txn-riskiest-accounts", "Riskiest accounts", "Accounts by their highest risk score, with volume and amount.", Chart.TABLE, null);
        t5.layer(txn).terms("transaction.transaction.accountId", 20, "m").metric("m", "max", "score.score", "Max risk")
                .metric("s", "sum", "transaction.transaction.amount", "Total amount").count("c", "Transactions");
        Lens t6 = new Lens("vigil-txn-alerts", "Transaction alerts by severity", "Alerts fired on transactions over time.", Chart.BAR_STACKED, "domain : \"transactions\"");
        t6.layer(alerts).dateHistogram("eventTime").terms("severity", 3, "c").count("c", "Alerts");
        out.add(new Dashboard("vigil-dashboard-transactions", "Vigil: transaction risk",
                "Fraud analysts' view: risk distribution, alerts, by type and category, riskiest accounts.", List.of(t1, t2, t3, t4, t5, t6)));

        Lens c1 = new Lens("vigil-notes-risk-over-time", "Clinical risk levels over time", "De-identified notes per predicted urgency level.", Chart.BAR_STACKED, null);
        c1.layer(notes).dateHistogram("eventTime").terms("score.label", 3, "c").count("c", "Notes");
        Lens c2 = new Lens("vigil-notes-by-specialty", "Risk by specialty", "Notes per specialty, split by urgency.", Chart.BAR_HORIZONTAL, null);
        c2.layer(notes).terms("note.specialty", 10, "c").terms("score.label", 3, "c").count("c", "Notes");
        Lens c3 = new Lens("vigil-notes-urgent-alerts", "Urgent clinical alerts", "Alerts on notes per patient pseudonym and rule (no identities).", Chart.TABLE, "domain : \"notes\"");
        c3.layer(alerts).terms("key", 20, "c").terms("rule", 5, "c").count("c", "Alerts").metric("v", "max", "value", "Max value");
        Lens c4 = new Lens("vigil-notes-urgent-text", "Urgent notes (de-identified text)", "The redacted text of notes scored urgent.", Chart.TABLE, "score.label : \"urgent\"");
        c4.layer(notes).terms("note.text.keyword", 20, "m").metric("m", "max", "score.score", "Urgency");
        out.add(new Dashboard("vigil-dashboard-notes", "Vigil: clinical notes",
                "Clinical safety view: urgency over time, by specialty, urgent alerts; de-identified text only.", List.of(c1, c2, c3, c4)));

        Lens m1 = new Lens("vigil-models-releases", "Model releases", "Every model version with its action and holdout accuracy.", Chart.TABLE, null);
        m1.layer(models).terms("model", 10, "a").terms("modelVersion", 20, "a").terms("action", 4, "a").metric("a", "max", "metrics.accuracy", "Accuracy");
        Lens m2 = new Lens("vigil-models-accuracy", "Accuracy per version", "Holdout accuracy of each released version.", Chart.BAR_STACKED, null);
        m2.layer(models).terms("modelVersion", 20, "a").terms("model", 5, "a").metric("a", "average", "metrics.accuracy", "Accuracy");
        Lens m3 = new Lens("vigil-corrections-by-version", "Corrections per model version", "Analyst corrections by the version they corrected and the corrected label.", Chart.BAR_STACKED, null);
        m3.layer(corr).terms("modelVersion", 20, "c").terms("correctedLabel", 5, "c").count("c", "Corrections");
        Lens m4 = new Lens("vigil-corrections-over-time", "Corrections over time", "Corrections per domain.", Chart.LINE, null);
        m4.layer(corr).dateHistogram("eventTime").terms("domain", 3, "c").count("c", "Corrections");
        Lens m5 = new Lens("vigil-review-backlog", "Review backlog by reason", "Items selected for review, by reason and domain.", Chart.BAR_HORIZONTAL, null);
        m5.layer(reviews).terms("reason", 4, "c").terms("domain", 3, "c").count("c", "Review items");
        Lens m6 = new Lens("vigil-review-count", "Items selected for review", "Review items in the time range.", Chart.METRIC, null);
        m6.layer(reviews).count("c", "Review items");
        out.add(new Dashboard("vigil-dashboard-models", "Vigil: models and feedback",
                "Model versions, corrections, review backlog and accuracy per version.", List.of(m1, m2, m3, m4, m5, m6)));

        Lens o1 = new Lens("vigil-ops-throughput", "Indexed documents over time", "Throughput of the indexer per family (by indexedAt).", Chart.LINE, null);
        o1.layer(news).dateHistogram("indexedAt").count("c", "News");
        o1.layer(txn).dateHistogram("indexedAt").count("c", "Transactions");
        o1.layer(notes).dateHistogram("indexedAt").count("c", "Notes");
        Lens o2 = new Lens("vigil-ops-scoring-latency", "Scoring latency p95", "95th percentile of the model's scoring latency (ms) per stream.", Chart.LINE, null);
        o2.layer(news).dateHistogram("eventTime").percentile("p", "score.latencyMs", 95, "News p95 ms");
        o2.layer(txn).dateHistogram("eventTime").percentile("p", "score.latencyMs", 95, "Transactions p95 ms");
        o2.layer(notes).dateHistogram("eventTime").percentile("p", "score.latencyMs", 95, "Notes p95 ms");
        Lens o3 = new Lens("vigil-ops-latency-by-model", "Scoring latency by model version", "Average and p99 latency per model version.", Chart.TABLE, null);
        o3.layer(txn).terms("score.modelVersion", 10, "a").metric("a", "average", "score.latencyMs", "Avg ms").percentile("p", "score.latencyMs", 99, "p99 ms");
        Lens o4 = new Lens("vigil-ops-deadletters", "Dead letters by topic and error", "Dead letters per source topic, split by error type.", Chart.BAR_STACKED, null);
        o4.layer(dlq).dateHistogram("eventTime").terms("sourceTopic", 10, "c").count("c", "Dead letters");
        Lens o5 = new Lens("vigil-ops-deadletter-reasons", "Dead letter reasons", "What went wrong, most frequent first (original bytes are never indexed).", Chart.TABLE, null);
        o5.layer(dlq).terms("reason.keyword", 20, "c").terms("errorType", 5, "c").count("c", "Dead letters");
        out.add(new Dashboard("vigil-dashboard-operations", "Vigil: operations",
                "Platform view: indexing throughput, scoring latency, dead letters.", List.of(o1, o2, o3, o4, o5)));
        String fair = dataView("vigil-fairness"), drift = dataView("vigil-drift"), pub = dataView("vigil-public");
        Lens f1 = new Lens("vigil-fairness-alert-rate", "Alert rate by group", "Share of each group's events the model flags, per attribute.", Chart.BAR_HORIZONTAL, null);
        f1.layer(fair).terms("attribute", 5, "m").terms("group", 10, "m").metric("m", "average", "alertRate", "Alert rate");
        Lens f2 = new Lens("vigil-fairness-four-fifths", "Disparity to the best-off group", "Lowest alert-rate ratio (four-fifths rule: >= 0.8) and largest difference per group.", Chart.TABLE, null);
        f2.layer(fair).terms("attribute", 5, "r").terms("group", 20, "r").metric("r", "min", "parityRatio", "Min ratio")
                .metric("d", "max", "parityDifference", "Max difference").metric("e", "sum", "events", "Events");
        Lens f3 = new Lens("vigil-fairness-parity-over-time", "Demographic parity gap over time", "Largest alert-rate difference to the best-off group, per attribute.", Chart.LINE, null);
        f3.layer(fair).dateHistogram("eventTime").terms("attribute", 5, "m").metric("m", "max", "parityDifference", "Parity difference");
        Lens f4 = new Lens("vigil-fairness-error-rates", "Error rates by group (analysts' verdicts)", "False-positive and false-negative rates from corrections, with the equalised-odds gap.", Chart.TABLE, null);
        f4.layer(fair).terms("group", 20, "p").metric("p", "average", "falsePositiveRate", "FPR").metric("n", "average", "falseNegativeRate", "FNR")
                .metric("o", "max", "equalisedOddsDifference", "Equalised-odds gap").metric("l", "sum", "labelled", "Verdicts");
        Lens f5 = new Lens("vigil-fairness-breaches", "Fairness breaches", "Group windows past a bound, by bound and model.", Chart.BAR_STACKED, null);
        f5.layer(fair).terms("breaches", 3, "c").terms("model", 5, "c").count("c", "Group windows");
        Lens f6 = new Lens("vigil-monitor-alerts", "Fairness and drift alerts", "Alerts the monitors fired.", Chart.BAR_STACKED, "rule : \"fairness-disparity\"");
        f6.layer(alerts).dateHistogram("eventTime").terms("key", 10, "c").count("c", "Alerts");
        Lens d1 = new Lens("vigil-drift-psi", "Input drift (PSI) over time", "Population stability index of each input against the version's training data.", Chart.LINE, null);
        d1.layer(drift).dateHistogram("eventTime").terms("feature", 10, "m").metric("m", "max", "psi", "PSI");
        Lens d2 = new Lens("vigil-drift-by-input", "Drift by model version and input", "Worst PSI and Jensen-Shannon per input.", Chart.TABLE, null);
        d2.layer(drift).terms("modelVersion", 10, "m").terms("feature", 40, "m").metric("m", "max", "psi", "Max PSI")
                .metric("b", "max", "psiBound", "PSI bound").metric("n", "sum", "count", "Events");
        Lens d3 = new Lens("vigil-drift-categorical", "Categorical drift (Jensen-Shannon)", "Jensen-Shannon divergence (bits) of categorical inputs such as the transaction type.", Chart.TABLE, "kind : \"categorical\"");
        d3.layer(drift).terms("feature", 10, "j").metric("j", "max", "jensenShannon", "Max JS").metric("b", "max", "jensenShannonBound", "JS bound");
        Lens p1 = new Lens("vigil-public-summaries", "Public summaries (differentially private)", "Noisy counts and means as published; exact values never leave the monitor.", Chart.TABLE, null);
        p1.layer(pub).terms("dataset", 5, "v").terms("cell", 30, "v").metric("v", "max", "value", "Noisy value").metric("e", "max", "epsilon", "Epsilon");
        Lens p2 = new Lens("vigil-public-budget", "Privacy budget spent", "Epsilon spent per dataset against its budget.", Chart.LINE, null);
        p2.layer(pub).dateHistogram("eventTime").terms("dataset", 5, "s").metric("s", "max", "budgetSpent", "Spent").metric("t", "max", "budgetTotal", "Budget");
        out.add(new Dashboard("vigil-dashboard-fairness", "Vigil: fairness, drift and privacy",
                "Responsible-AI view: per-group alert rates and disparities (demographic parity, four-fifths, equalised odds), "
                        + "input drift against each model version's training data, and the differentially private public summaries.",
                List.of(f1, f2, f3, f4, f5, f6, d1, d2, d3, p1, p2)));
        return out;
    }

    static ObjectNode dataViewObject(IndexFamily family) {
        ObjectNode o = Lens.F.objectNode();
        o.put("id", dataView(family.name())).put("type", "index-pattern");
        o.putObject("attributes").put("title", family.alias()).put("name", "Vigil " + family.name().substring(6))
                .put("timeFieldName", "eventTime").put("allowNoIndex", true);
        o.putArray("references");
        o.put("coreMigrationVersion", "8.8.0").put("typeMigrationVersion", "8.0.0");
        return o;
    }

    static ObjectNode dashboardObject(Dashboard d) throws IOException {
        ObjectNode o = Lens.F.objectNode();
        o.put("id", d.id()).put("type", "dashboard");
        ObjectNode a = o.putObject("attributes");
        a.put("title", d.title()).put("description", d.description());
        ArrayNode panels = Lens.F.arrayNode();
        ArrayNode refs = o.putArray("references");
        for (int i = 0; i < d.panels().size(); i++) {
            String idx = "p" + i;
            ObjectNode p = panels.addObject();
            p.put("version", "8.11.0").put("type", "lens").put("panelIndex", idx).put("panelRefName", "panel_" + idx);
            p.putObject("gridData").put("x", (i % 2) * 24).put("y", (i / 2) * 15).put("w", 24).put("h", 15).put("i", idx);
            p.putObject("embeddableConfig").putObject("enhancements");
            refs.addObject().put("name", idx + ":panel_" + idx).put("type", "lens").put("id", d.panels().get(i).id);
        }
        a.put("panelsJSON", JSON.writeValueAsString(panels));
        a.put("optionsJSON", "{\"useMargins\":true,\"syncColors\":false,\"syncCursor\":true,\"syncTooltips\":false,\"hidePanelTitles\":false}");
        a.put("timeRestore", true).put("timeFrom", "now-7d").put("timeTo", "now");
        a.putObject("refreshInterval").put("pause", false).put("value", 30000);
        a.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[]}");
        o.put("coreMigrationVersion", "8.8.0").put("typeMigrationVersion", "8.7.0");
        return o;
    }

    /** The NDJSON text: data views, then Lens objects, then dashboards (dependencies first). */
    static String ndjson() throws IOException {
        Map<String, ObjectNode> objects = new LinkedHashMap<>();
        for (IndexFamily f : IndexCatalog.standard().families()) objects.put(dataView(f.name()), dataViewObject(f));
        List<Dashboard> ds = dashboards();
        for (Dashboard d : ds) for (Lens l : d.panels()) objects.put(l.id, l.savedObject());
        for (Dashboard d : ds) objects.put(d.id(), dashboardObject(d));
        StringBuilder sb = new StringBuilder();
        for (ObjectNode o : objects.values()) sb.append(JSON.writeValueAsString(o)).append('\n');
        return sb.toString();
    }

    static Path repoFile() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("dashboards"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the repository's dashboards/ folder");
        return p.resolve(FILE);
    }

    static void write() throws IOException {
        Files.writeString(repoFile(), ndjson(), StandardCharsets.UTF_8);
    }
}
