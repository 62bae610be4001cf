package io.vigil.models.store;

import java.util.List;
import java.util.Map;

/**
 * model-card.json of a model version: where the data came from (and its licence), how much of it,
 * what it scored, what it was fine-tuned from and why.
 *
 * @param trigger why this version exists: "default-training", "fine-tune:corrections", ...
 */
public record ModelCard(
        String name,
        String version,
        String parentVersion,
        String createdAt,
        long seed,
        String trigger,
        List<DataSource> dataSources,
        Map<String, Object> counts,
        Map<String, Object> metrics,
        Map<String, Object> training,
        String notes) {

    public record DataSource(String name, String path, String licence, int rows) {}
}
