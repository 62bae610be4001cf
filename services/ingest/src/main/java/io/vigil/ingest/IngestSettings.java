package io.vigil.ingest;

import io.vigil.platform.config.Secret;

import java.time.Duration;
import java.util.List;

/** The {@code ingest} section of the configuration (see vigil-defaults.yaml for every key). */
public record IngestSettings(Secret pseudonymKey, Secret dlqEncryptionKey, int dedupeRetentionMinutes, int streamThreads,
                             int commitIntervalMs, News news, NotesDrop notesDrop, Replay replay) {

    /** Kafka Streams' own default under exactly-once; see vigil-defaults.yaml for the trade-off. */
    public static final int DEFAULT_COMMIT_INTERVAL_MS = 100;

    public record News(List<String> feeds, int pollIntervalSeconds) {
        public News {
            feeds = feeds == null ? List.of() : List.copyOf(feeds);
            if (pollIntervalSeconds < 1) throw new IllegalArgumentException("ingest.news.poll-interval-seconds must be >= 1");
        }
    }

    public record NotesDrop(boolean enabled, String folder, int pollSeconds) {
    }

    public record Replay(String dataDir, double newsPerSecond, double transactionsPerSecond, double notesPerSecond,
                         boolean shiftToNow) {
    }

    public IngestSettings {
        pseudonymKey = pseudonymKey == null ? Secret.empty() : pseudonymKey;
        dlqEncryptionKey = dlqEncryptionKey == null ? Secret.empty() : dlqEncryptionKey;
        if (dedupeRetentionMinutes < 1) throw new IllegalArgumentException("ingest.dedupe-retention-minutes must be >= 1");
        streamThreads = Math.max(1, streamThreads);
        if (commitIntervalMs == 0) commitIntervalMs = DEFAULT_COMMIT_INTERVAL_MS;
        if (commitIntervalMs < 1) throw new IllegalArgumentException("ingest.commit-interval-ms must be >= 1");
        news = news == null ? new News(List.of(), 300) : news;
        notesDrop = notesDrop == null ? new NotesDrop(false, "", 2) : notesDrop;
        replay = replay == null ? new Replay("data", 2, 20, 0.5, true) : replay;
    }

    public Duration dedupeRetention() {
        return Duration.ofMinutes(dedupeRetentionMinutes);
    }
}
