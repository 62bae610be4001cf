package io.vigil.inference;

import io.vigil.platform.config.ConfigException;
import java.util.List;

/**
 * Per-model serving settings ({@code inference.models.<name>}).
 *
 * @param batchSize         most inputs one forward pass takes
 * @param maxWaitMs         how long a worker waits to fill a batch once it holds one request
 * @param workers           worker threads, each owning its own model instance
 * @param queueSize         pending requests before callers get Overloaded (503)
 * @param explain           explanation policy
 * @param explainThreshold  score at or above which THRESHOLD explains
 * @param explainSampleRate fraction SAMPLED explains
 * @param riskLabel         label whose probability is the event's score (empty: the predicted label's)
 * @param highRiskThreshold score at or above which an event is high risk (review); > 1 disables
 * @param highRiskLabels    predicted labels that are always high risk (e.g. notes' urgent)
 */
public record ModelSettings(int batchSize, long maxWaitMs, int workers, int queueSize, ExplainMode explain,
                            double explainThreshold, double explainSampleRate, String riskLabel,
                            double highRiskThreshold, List<String> highRiskLabels) {

    public ModelSettings {
        if (batchSize < 1) throw new ConfigException("batch-size must be >= 1, not " + batchSize);
        if (maxWaitMs < 0) throw new ConfigException("max-wait-ms must be >= 0, not " + maxWaitMs);
        if (workers < 1) throw new ConfigException("workers must be >= 1, not " + workers);
        if (queueSize < 1) throw new ConfigException("queue-size must be >= 1, not " + queueSize);
        explain = explain == null ? ExplainMode.SAMPLED : explain;
        riskLabel = riskLabel == null ? "" : riskLabel.trim();
        highRiskLabels = highRiskLabels == null ? List.of() : List.copyOf(highRiskLabels);
    }

    /** What a model not named in the configuration gets. */
    public static ModelSettings defaults() {
        return new ModelSettings(32, 5, 1, 64, ExplainMode.SAMPLED, 1.0, 0.1, "", 2.0, List.of());
    }

    public ModelSettings withBatching(int batch, long waitMs, int workerCount, int queue) {
        return new ModelSettings(batch, waitMs, workerCount, queue, explain, explainThreshold, explainSampleRate,
                riskLabel, highRiskThreshold, highRiskLabels);
    }

    public ModelSettings withExplain(ExplainMode mode) {
        return new ModelSettings(batchSize, maxWaitMs, workers, queueSize, mode, explainThreshold, explainSampleRate,
                riskLabel, highRiskThreshold, highRiskLabels);
    }
}
