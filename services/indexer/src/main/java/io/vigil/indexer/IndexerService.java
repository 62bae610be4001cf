package io.vigil.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.vigil.platform.elasticsearch.ElasticsearchClients;
import io.vigil.platform.elasticsearch.ElasticsearchSettings;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.Topic;
import io.vigil.topics.Topics;
import io.vigil.topics.indices.IndexCatalog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka -> Elasticsearch indexer as a {@link Service}. Consumes every topic an index family declares (or
 * {@code indexer.topics}), writes each event to its family's daily index with {@code _id} = event id, and commits
 * a partition's offset only once Elasticsearch acknowledged every record below it. See services/indexer/README.md.
 *
 * <pre>{@code
 * IndexerService indexer = new IndexerService(context, infrastructure.elasticsearchSettings());
 * indexer.start();
 * }</pre>
 */
public final class IndexerService implements Service {

    private static final Logger log = LoggerFactory.getLogger(IndexerService.class);
    public static final String NAME = "indexer";

    private final ServiceContext context;
    private final ElasticsearchSettings elasticsearch;
    private final IndexerSettings settings;
    private final IndexCatalog catalog;
    private final Clock clock;
    private ElasticsearchClient client;
    private IndexerLoop loop;
    private Thread thread;
    private DeadLetterWriter deadLetters;
    private ScheduledExecutorService janitorTimer;
    private IndexerMetrics metrics;
    private boolean closed;

    /** With the {@code indexer:} section of the context's configuration. */
    public IndexerService(ServiceContext context, ElasticsearchSettings elasticsearch) {
        this(context, elasticsearch, context.config().bind("indexer", IndexerSettings.class), IndexCatalog.standard(),
                Clock.systemUTC());
    }

    public IndexerService(ServiceContext context, ElasticsearchSettings elasticsearch, IndexerSettings settings,
                          IndexCatalog catalog, Clock clock) {
        this.context = context;
        this.elasticsearch = elasticsearch;
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start() {
        if (loop != null) return;
        DocumentMapper mapper = new DocumentMapper(catalog, clock);
        List<String> topics = settings.topics().isEmpty()
                ? Topics.all().stream().map(Topic::name).filter(mapper::indexes).toList()
                : settings.topics();
        topics.stream().filter(t -> !mapper.indexes(t)).findFirst().ifPresent(t -> {
            throw new IllegalArgumentException("indexer.topics names " + t + ", which no index family takes");
        });
        metrics = new IndexerMetrics(context.metrics());
        client = ElasticsearchClients.create(elasticsearch);
        deadLetters = new DeadLetterWriter(context.kafka(), settings.backoff(), clock);
        Map<String, Object> props = context.kafka().consumer(NAME, settings.groupId());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(settings.bulkMaxActions(), 2000));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        loop = new IndexerLoop(consumer, topics, mapper, settings, metrics, deadLetters);
        loop.sink(new BulkSink(client, settings, metrics, loop));
        metrics.gauge("vigil.indexer.paused", "1 while consumption is paused", () -> loop.pausedBecause() == null ? 0 : 1);
        metrics.gauge("vigil.indexer.pending", "documents awaiting acknowledgement", loop::pending);
        metrics.gauge("vigil.indexer.lag", "records behind the end of the indexed topics", loop::lag);
        context.health().register(NAME, this::health);
        thread = new Thread(loop, "vigil-indexer");
        thread.start();
        if (settings.retentionJanitor()) scheduleJanitor();
        log.info("indexer started: group {}, {} topic(s) {}", settings.groupId(), topics.size(), topics);
    }

    private void scheduleJanitor() {
        RetentionJanitor janitor = new RetentionJanitor(client, catalog, clock);
        janitorTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-indexer-retention");
            t.setDaemon(true);
            return t;
        });
        janitorTimer.scheduleWithFixedDelay(() -> {
            try {
                janitor.runOnce();
            } catch (IOException | RuntimeException e) { // Elasticsearch away: the next run tries again
                log.warn("retention janitor: {}", e.toString());
            }
        }, 1, settings.retentionIntervalHours() * 60, TimeUnit.MINUTES);
    }

    /** UP while Elasticsearch answers; the detail says whether consumption is paused, the lag and what is pending. */
    public Health.Status health() {
        IndexerLoop l = loop;
        if (l == null) return Health.Status.down("not started");
        if (thread != null && !thread.isAlive() && !closed) return Health.Status.down("consumer loop stopped");
        String paused = l.pausedBecause();
        String detail = (paused == null ? "consuming" : "paused (" + paused + ")") + ", lag " + l.lag() + ", pending " + l.pending();
        return paused != null && paused.startsWith("elasticsearch") ? Health.Status.down(detail) : Health.Status.up(detail);
    }

    /** True while consumption is paused (Elasticsearch unavailable, or backpressure). */
    public boolean paused() {
        return loop != null && loop.pausedBecause() != null;
    }

    /** Documents handed to Elasticsearch and not yet acknowledged. */
    public long pending() {
        return loop == null ? 0 : loop.pending();
    }

    /** Documents acknowledged by Elasticsearch since start (all families). */
    public double indexedCount() {
        return metrics == null ? 0 : metrics.count("vigil.indexer.documents");
    }

    /** Records sent to indexer.dlq since start. */
    public double deadLetterCount() {
        return metrics == null ? 0 : metrics.count("vigil.indexer.dead.letters");
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (janitorTimer != null) janitorTimer.shutdownNow();
        if (loop != null) {
            loop.stop();
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (deadLetters != null) deadLetters.close();
        if (client != null) {
            try {
                client._transport().close();
            } catch (IOException e) {
                log.warn("closing the Elasticsearch client: {}", e.toString());
            }
        }
        context.health().unregister(NAME);
        log.info("indexer stopped");
    }
}
