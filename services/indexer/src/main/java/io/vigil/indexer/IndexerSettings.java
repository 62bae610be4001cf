package io.vigil.indexer;

import java.time.Duration;
import java.util.List;

/**
 * The {@code indexer:} configuration section (kebab-case keys, defaults in this module's vigil-defaults.yaml).
 *
 * @param groupId               Kafka consumer group
 * @param topics                topic names to index; empty = every topic an index family declares
 * @param bulkMaxActions        operations per bulk request
 * @param bulkMaxBytes          bytes per bulk request
 * @param flushIntervalMs       a partial bulk request is sent after this long
 * @param maxConcurrentRequests bulk requests in flight at once
 * @param maxPendingDocuments   un-acknowledged documents above which consumption pauses
 * @param retryInitialMs        first retry delay
 * @param retryMaxMs            retry delay cap
 * @param pollTimeoutMs         consumer poll timeout
 * @param commitIntervalMs      how often acknowledged offsets are committed
 * @param retentionJanitor      run the retention janitor where the cluster has no ILM
 * @param retentionIntervalHours how often the janitor runs
 */
public record IndexerSettings(String groupId, List<String> topics, int bulkMaxActions, long bulkMaxBytes,
                              long flushIntervalMs, int maxConcurrentRequests, int maxPendingDocuments,
                              long retryInitialMs, long retryMaxMs, long pollTimeoutMs, long commitIntervalMs,
                              boolean retentionJanitor, long retentionIntervalHours) {

    public IndexerSettings {
        if (groupId == null || groupId.isBlank()) throw new IllegalArgumentException("indexer.group-id must not be blank");
        topics = topics == null ? List.of() : List.copyOf(topics);
        positive(bulkMaxActions, "bulk-max-actions");
        positive(bulkMaxBytes, "bulk-max-bytes");
        positive(flushIntervalMs, "flush-interval-ms");
        positive(maxConcurrentRequests, "max-concurrent-requests");
        positive(maxPendingDocuments, "max-pending-documents");
        positive(retryInitialMs, "retry-initial-ms");
        if (retryMaxMs < retryInitialMs) throw new IllegalArgumentException("indexer.retry-max-ms must be >= retry-initial-ms");
        positive(pollTimeoutMs, "poll-timeout-ms");
        positive(commitIntervalMs, "commit-interval-ms");
        positive(retentionIntervalHours, "retention-interval-hours");
    }

    /** The shipped defaults, for code that runs without a configuration (bench, tests). */
    public static IndexerSettings defaults() {
        return new IndexerSettings("vigil-indexer", List.of(), 1000, 5L << 20, 1000, 2, 20_000, 100, 30_000, 200, 1000,
                true, 24);
    }

    public IndexerSettings withGroupId(String id) {
        return new IndexerSettings(id, topics, bulkMaxActions, bulkMaxBytes, flushIntervalMs, maxConcurrentRequests,
                maxPendingDocuments, retryInitialMs, retryMaxMs, pollTimeoutMs, commitIntervalMs, retentionJanitor,
                retentionIntervalHours);
    }

    public IndexerSettings withTopics(List<String> names) {
        return new IndexerSettings(groupId, names, bulkMaxActions, bulkMaxBytes, flushIntervalMs, maxConcurrentRequests,
                maxPendingDocuments, retryInitialMs, retryMaxMs, pollTimeoutMs, commitIntervalMs, retentionJanitor,
                retentionIntervalHours);
    }

    public Backoff backoff() {
        return new Backoff(Duration.ofMillis(retryInitialMs), Duration.ofMillis(retryMaxMs));
    }

    private static void positive(long v, String key) {
        if (v <= 0) throw new IllegalArgumentException("indexer." + key + " must be > 0, was " + v);
    }
}
