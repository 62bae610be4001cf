package io.vigil.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.vigil.platform.elasticsearch.MappingErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Elasticsearch's side of the indexer: a {@link BulkIngester} whose per-operation context is the
 * {@link PendingOp}, and a listener that sorts every item's outcome:
 * <ul>
 *   <li>acknowledged -> {@link Outcomes#indexed};</li>
 *   <li>rejected by the mapping (or another 4xx that a retry cannot fix) -> {@link Outcomes#rejected} (dead letter);</li>
 *   <li>403/408/429/5xx on an item -> retried after a capped exponential backoff, forever;</li>
 *   <li>the whole request failed (connection lost, node down) -> Elasticsearch is marked unavailable, the
 *       operations are parked, and a probe pings with backoff until it answers; then they are re-sent.</li>
 * </ul>
 * The ingester's own retry is off: this class owns retries, so every retry is counted and can be parked.
 */
final class BulkSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BulkSink.class);

    /** Where outcomes go; called from the client's I/O threads. */
    interface Outcomes {
        void indexed(PendingOp op);

        void rejected(PendingOp op, String reason, String errorType);
    }

    private final ElasticsearchClient client;
    private final Backoff backoff;
    private final IndexerMetrics metrics;
    private final Outcomes outcomes;
    private final BulkIngester<PendingOp> ingester;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "indexer-retry-timer"));
    // re-adds run here: BulkIngester.add may block for a free request slot and must not block the timer or an I/O thread
    private final ExecutorService resubmitter = Executors.newSingleThreadExecutor(r -> daemon(r, "indexer-resubmit"));
    private final Queue<PendingOp> parked = new ConcurrentLinkedQueue<>();
    private final Map<Long, Long> started = new ConcurrentHashMap<>();
    private final AtomicBoolean available = new AtomicBoolean(true);
    private volatile boolean closed;
    private volatile String lastFailure = "";

    BulkSink(ElasticsearchClient client, IndexerSettings settings, IndexerMetrics metrics, Outcomes outcomes) {
        this.client = client;
        this.backoff = settings.backoff();
        this.metrics = metrics;
        this.outcomes = outcomes;
        this.ingester = BulkIngester.of(b -> b.client(client)
                .maxOperations(settings.bulkMaxActions())
                .maxSize(settings.bulkMaxBytes())
                .maxConcurrentRequests(settings.maxConcurrentRequests())
                .flushInterval(settings.flushIntervalMs(), TimeUnit.MILLISECONDS)
                .listener(new Listener()));
    }

    /** Hands an operation to the ingester (blocks while the maximum of concurrent requests is in flight). */
    void submit(PendingOp op) {
        ingester.add(op.operation, op);
    }

    /** False from a failed request until a probe reaches Elasticsearch again. */
    boolean available() {
        return available.get();
    }

    int parkedCount() {
        return parked.size();
    }

    String lastFailure() {
        return lastFailure;
    }

    void flush() {
        ingester.flush();
    }

    private final class Listener implements BulkListener<PendingOp> {
        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<PendingOp> contexts) {
            started.put(executionId, System.nanoTime());
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<PendingOp> contexts, BulkResponse response) {
            tookSince(executionId);
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                PendingOp op = contexts.get(i);
                ErrorCause error = item.error();
                if (error == null) {
                    outcomes.indexed(op);
                } else if (MappingErrors.isMappingError(error) || !retryable(item.status())) {
                    outcomes.rejected(op, "Elasticsearch rejected " + op.doc.index() + "/" + op.doc.id() + " (status "
                            + item.status() + "): " + describe(error), error.type() == null ? "rejected" : error.type());
                } else {
                    metrics.retry("item", 1);
                    retryLater(op);
                }
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<PendingOp> contexts, Throwable failure) {
            tookSince(executionId);
            metrics.retry("request", contexts.size());
            if (!closed) markUnavailable(failure);
            contexts.forEach(BulkSink.this::park);
        }

        private void tookSince(long executionId) {
            Long t0 = started.remove(executionId);
            if (t0 != null) metrics.bulk(Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /** 403 (cluster blocks, privileges), 408, 429 and 5xx may pass on a later try; other 4xx will not. */
    static boolean retryable(int status) {
        return status == 403 || status == 408 || status == 429 || status >= 500;
    }

    static String describe(ErrorCause e) {
        StringBuilder sb = new StringBuilder();
        for (ErrorCause c = e; c != null; c = c.causedBy()) {
            if (!sb.isEmpty()) sb.append("; caused by ");
            sb.append(c.type()).append(": ").append(c.reason());
            if (sb.length() > 1500) break;
        }
        return sb.length() > 1500 ? sb.substring(0, 1500) + "..." : sb.toString();
    }

    private void retryLater(PendingOp op) {
        if (!available.get()) {
            park(op);
            return;
        }
        long delay = backoff.delayMillis(op.nextAttempt());
        try {
            timer.schedule(() -> resubmit(op), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // closing: the record stays uncommitted and is read again after the restart
        }
    }

    private void resubmit(PendingOp op) {
        if (closed || op.progress.revoked()) return; // uncommitted: re-read by whoever owns the partition next
        if (!available.get()) {
            park(op);
            return;
        }
        try {
            resubmitter.execute(() -> {
                if (closed || op.progress.revoked()) return;
                try {
                    ingester.add(op.operation, op);
                } catch (IllegalStateException ingesterClosed) {
                    // closing: left uncommitted
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // closing: left uncommitted
        }
    }

    private void park(PendingOp op) {
        parked.add(op);
        // a probe may have succeeded between the caller's check and the add: never leave an op parked while up
        if (available.get()) drainParked();
    }

    private void markUnavailable(Throwable failure) {
        lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (available.compareAndSet(true, false)) {
            log.warn("Elasticsearch unavailable ({}); pausing consumption and probing with backoff", lastFailure);
            scheduleProbe(1);
        }
    }

    private void scheduleProbe(int attempt) {
        try {
            timer.schedule(() -> probe(attempt), backoff.delayMillis(attempt), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // closing
        }
    }

    private void probe(int attempt) {
        if (closed) return;
        boolean up;
        try {
            up = client.ping().value();
        } catch (Exception e) {
            lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            up = false;
        }
        if (!up) {
            scheduleProbe(attempt + 1);
            return;
        }
        log.info("Elasticsearch reachable again after {} probe(s); re-sending {} parked operation(s)", attempt, parked.size());
        available.set(true);
        drainParked();
    }

    private void drainParked() {
        for (PendingOp op; (op = parked.poll()) != null; ) resubmit(op);
    }

    /** Sends what is buffered and waits for in-flight requests; retries still scheduled are dropped (uncommitted). */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        resubmitter.shutdownNow();
        try {
            ingester.close();
        } catch (RuntimeException e) {
            log.warn("closing the bulk ingester: {}", e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
