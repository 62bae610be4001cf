package io.vigil.inference;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code inference} configuration section (see vigil-defaults.yaml for every key and its meaning).
 */
public record InferenceSettings(boolean enabled, String modelsDir, String groupId, String transactionalId,
                                String source, int maxPollRecords, long pollTimeoutMs, long scoringTimeoutMs,
                                int maxAttempts, int maxTextChars, int maxDlqOriginalBytes, int httpMaxInputs,
                                int explainTopK, Map<String, String> domains, Map<String, ModelSettings> models,
                                ReviewSettings review, PipelineSettings pipeline) {

    public InferenceSettings {
        modelsDir = modelsDir == null ? "" : modelsDir.trim();
        groupId = groupId == null || groupId.isBlank() ? "inference" : groupId;
        transactionalId = transactionalId == null || transactionalId.isBlank() ? "inference-1" : transactionalId;
        source = source == null || source.isBlank() ? "inference" : source;
        maxPollRecords = maxPollRecords < 1 ? 1000 : maxPollRecords;
        pollTimeoutMs = pollTimeoutMs < 1 ? 200 : pollTimeoutMs;
        scoringTimeoutMs = scoringTimeoutMs < 1 ? 60_000 : scoringTimeoutMs;
        maxAttempts = maxAttempts < 1 ? 3 : maxAttempts;
        maxTextChars = maxTextChars < 1 ? 20_000 : maxTextChars;
        maxDlqOriginalBytes = maxDlqOriginalBytes < 0 ? 262_144 : maxDlqOriginalBytes;
        httpMaxInputs = httpMaxInputs < 1 ? 256 : httpMaxInputs;
        explainTopK = explainTopK < 1 ? 5 : explainTopK;
        domains = domains == null ? Map.of() : Map.copyOf(domains);
        models = models == null ? Map.of() : Map.copyOf(models);
        review = review == null ? ReviewSettings.defaults() : review;
        pipeline = pipeline == null ? PipelineSettings.defaults() : pipeline;
    }

    /** The model store root: models-dir, or {@code <data-dir>/models} when empty. */
    public Path modelsRoot(Path dataDir) {
        return modelsDir.isEmpty() ? dataDir.resolve("models") : Path.of(modelsDir);
    }

    /** The transactional id of scoring loop {@code i} (0-based): the configured id when there is one loop. */
    public String transactionalId(int i) {
        return pipeline.loops() == 1 ? transactionalId : transactionalId + "-" + i;
    }

    public ModelSettings model(String name) {
        return models.getOrDefault(name, ModelSettings.defaults());
    }

    /** The model serving a domain ("news", "transactions", "notes"), or null when none is configured. */
    public String modelFor(String domain) {
        String m = domains.get(domain);
        return m == null || m.isBlank() ? null : m;
    }

    public InferenceSettings withModel(String name, ModelSettings s) {
        Map<String, ModelSettings> m = new LinkedHashMap<>(models);
        m.put(name, s);
        return new InferenceSettings(enabled, modelsDir, groupId, transactionalId, source, maxPollRecords, pollTimeoutMs,
                scoringTimeoutMs, maxAttempts, maxTextChars, maxDlqOriginalBytes, httpMaxInputs, explainTopK, domains, m,
                review, pipeline);
    }
}
