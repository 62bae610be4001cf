package io.vigil.ingest;

import io.vigil.ingest.deid.Deidentifier;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.ingest.http.IngestRoutes;
import io.vigil.ingest.source.DatasetReplay;
import io.vigil.ingest.source.FeedPoller;
import io.vigil.ingest.source.NoteDropFolder;
import io.vigil.ingest.source.RawPublisher;
import io.vigil.ingest.stream.DlqCipher;
import io.vigil.ingest.stream.Gazetteer;
import io.vigil.ingest.stream.IngestTopologies;
import io.vigil.ingest.stream.NewsTopology;
import io.vigil.ingest.stream.NotesTopology;
import io.vigil.ingest.stream.StreamsErrors;
import io.vigil.ingest.stream.TransactionsTopology;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.events.Protection;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The ingest service: three Kafka Streams applications (one per domain: {@code ingest-news},
 * {@code ingest-transactions}, {@code ingest-notes}), the HTTP endpoints, the RSS poller and the notes drop folder.
 * <p>One application per domain, not one for all: a slow or failing domain (de-identification is the heaviest
 * step) never stalls the others' commits, each restores only its own state, and the notes application, the only
 * reader of raw PHI, can be deployed and permissioned on its own. The cost is three consumer groups and three
 * producers per instance.
 */
public final class IngestService implements Service {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final ServiceContext ctx;
    private final IngestSettings settings;
    private final IngestMetrics metrics;
    private final Map<String, KafkaStreams> apps = new LinkedHashMap<>();
    private final List<AutoCloseable> sources = new ArrayList<>();
    private RawPublisher publisher;
    private Pseudonymizer pseudonymizer;
    private NoteDropFolder dropFolder;
    private boolean started;
    private boolean closed;

    public IngestService(ServiceContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.config().bind("ingest", IngestSettings.class);
        this.metrics = new IngestMetrics(ctx.metrics());
    }

    @Override
    public String name() {
        return "ingest";
    }

    public IngestSettings settings() {
        return settings;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** The publisher the sources share (after start), e.g. for a {@link DatasetReplay}. */
    public RawPublisher publisher() {
        return publisher;
    }

    public NoteDropFolder dropFolder() {
        return dropFolder;
    }

    /** A replay of the bundled datasets at the configured rates; the caller starts and closes it. */
    public DatasetReplay datasetReplay(Path dataDir) {
        IngestSettings.Replay r = settings.replay();
        return new DatasetReplay(dataDir, publisher, new DatasetReplay.Rates(r.newsPerSecond(), r.transactionsPerSecond(),
                r.notesPerSecond()), r.shiftToNow(), Clock.systemUTC());
    }

    @Override
    public synchronized void start() {
        if (started) return;
        started = true;
        pseudonymizer = Pseudonymizer.ofSecret(pseudonymKey());
        Duration retention = settings.dedupeRetention();
        Protection protection = settings.dlqEncryptionKey().isPresent() ? Protection.ENCRYPTED : Protection.WITHHELD;
        DlqCipher cipher = protection == Protection.ENCRYPTED ? new DlqCipher(settings.dlqEncryptionKey().reveal()) : null;

        startApp("news", p -> IngestTopologies.news(p, new NewsTopology(Gazetteer.standard()), retention, metrics));
        startApp("transactions", p -> IngestTopologies.transactions(p, new TransactionsTopology(), retention, metrics));
        startApp("notes", p -> IngestTopologies.notes(p, new NotesTopology(Deidentifier.create(), pseudonymizer, protection, cipher),
                retention, metrics));
        metrics.registry().gauge("vigil.ingest.production.skipped", StreamsErrors.SKIPPED);

        publisher = new RawPublisher(ctx.kafka().producer("ingest-sources"), metrics);
        if (ctx.http() != null) new IngestRoutes(publisher, pseudonymizer, Clock.systemUTC()).mount(ctx.http());
        if (!settings.news().feeds().isEmpty()) {
            FeedPoller poller = new FeedPoller(settings.news().feeds().stream().map(URI::create).toList(),
                    Duration.ofSeconds(settings.news().pollIntervalSeconds()), FeedPoller.toKafka(publisher), Clock.systemUTC());
            sources.add(poller);
            poller.start();
            ctx.health().register("ingest.rss", () -> poller.lastError() == null ? Health.Status.up("polling")
                    : Health.Status.up("last error: " + poller.lastError()));
        }
        if (settings.notesDrop().enabled()) {
            String f = settings.notesDrop().folder();
            Path folder = f == null || f.isBlank() ? ctx.dataDir().resolve("ingest").resolve("notes-drop") : Path.of(f);
            dropFolder = new NoteDropFolder(folder, Duration.ofSeconds(Math.max(1, settings.notesDrop().pollSeconds())),
                    publisher, pseudonymizer, Clock.systemUTC());
            sources.add(dropFolder);
            try {
                dropFolder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the notes drop folder " + folder, e);
            }
        }
        log.info("ingest started: streams {}, {} feed(s), drop folder {}", apps.keySet(), settings.news().feeds().size(),
                dropFolder == null ? "off" : dropFolder.folder());
    }

    private void startApp(String domain, java.util.function.Function<Properties, Topology> topology) {
        Properties props = IngestTopologies.withHandlers(ctx.kafka().streams("ingest-" + domain, ctx.stateDir("ingest").resolve(domain)));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        KafkaStreams streams = new KafkaStreams(topology.apply(props), props);
        // a thread that died on an unexpected error is replaced; its task resumes from the last committed transaction
        streams.setUncaughtExceptionHandler(e -> {
            log.error("ingest-{} stream thread failed ({}); replacing it", domain, e.getClass().getSimpleName());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        apps.put(domain, streams);
        ctx.health().register("ingest." + domain, () -> {
            KafkaStreams.State s = streams.state();
            return s.isRunningOrRebalancing() || s == KafkaStreams.State.CREATED ? Health.Status.up(s.name()) : Health.Status.down(s.name());
        });
        streams.start();
    }

    /** Config {@code ingest.pseudonym-key}, else env VIGIL_PSEUDONYM_KEY, else a key generated once into the data dir. */
    private String pseudonymKey() {
        if (settings.pseudonymKey().isPresent()) return settings.pseudonymKey().reveal();
        String env = System.getenv(Pseudonymizer.KEY_ENV);
        if (env != null && !env.isBlank()) return env;
        Path file = ctx.dataDir().resolve("ingest").resolve("pseudonym.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                log.warn("no ingest.pseudonym-key / {} set: generated a key into {} (back it up: pseudonyms depend on it)",
                        Pseudonymizer.KEY_ENV, file);
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** The running applications by domain (tests, health). */
    public Map<String, KafkaStreams> streams() {
        return Map.copyOf(apps);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (AutoCloseable s : sources) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", s.getClass().getSimpleName(), e.toString());
            }
        }
        apps.values().forEach(s -> s.close(Duration.ofSeconds(30)));
        if (publisher != null) publisher.close();
        apps.keySet().forEach(d -> ctx.health().unregister("ingest." + d));
    }
}
