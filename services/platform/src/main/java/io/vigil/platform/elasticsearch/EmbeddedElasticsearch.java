package io.vigil.platform.elasticsearch;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthResponse;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.Node;
import org.elasticsearch.node.VigilEmbeddedNode;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real Elasticsearch node running inside this JVM, for local mode and integration tests.
 *
 * <p>Plain HTTP on 127.0.0.1 only, single-node discovery, no security, no ILM / data streams / ingest
 * pipelines / painless (those modules are not on Maven Central). Data lives under the data directory
 * and survives {@link #restart()} and a new instance on the same directory.
 *
 * <pre>{@code
 * try (EmbeddedElasticsearch es = EmbeddedElasticsearch.builder(dataDir).build().start()) {
 *     ElasticsearchClient client = ElasticsearchClients.create(ElasticsearchSettings.local(es.httpUrl()));
 * }
 * }</pre>
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    private static final Logger log = LogManager.getLogger(EmbeddedElasticsearch.class);
    private static final AtomicBoolean ES_LOGGING_CONFIGURED = new AtomicBoolean();
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, RootInfoPlugin.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final Path dataDirectory;
    private final int requestedPort;
    private final String clusterName;
    private final String nodeName;
    private final Duration startTimeout;
    private final Map<String, String> extraSettings;

    private Node node;
    private int boundPort = -1;
    private Duration lastStartDuration = Duration.ZERO;

    private EmbeddedElasticsearch(Builder b) {
        this.dataDirectory = b.dataDirectory.toAbsolutePath().normalize();
        this.requestedPort = b.httpPort;
        this.clusterName = b.clusterName;
        this.nodeName = b.nodeName;
        this.startTimeout = b.startTimeout;
        this.extraSettings = Map.copyOf(b.extraSettings);
    }

    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /**
     * Starts the node and blocks until the cluster is at least yellow and HTTP answers {@code GET /}.
     * A no-op when already running.
     *
     * @throws IllegalStateException on a JDK older than 21, or when the node does not become ready in time
     */
    public synchronized EmbeddedElasticsearch start() {
        if (node != null) return this;
        requireJdk21();
        long t0 = System.nanoTime();
        Path home = dataDirectory;
        try {
            Files.createDirectories(home.resolve("config"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Elasticsearch directories under " + home, e);
        }
        // ES's native library loader reads this property and throws without it.
        if (System.getProperty("es.path.home") == null) System.setProperty("es.path.home", home.toString());
        // Route ES's own loggers through our log4j2 configuration; configureWithoutConfig() would re-initialise log4j.
        if (ES_LOGGING_CONFIGURED.compareAndSet(false, true)) {
            LogConfigurator.configureESLogging();
            // ES's native helpers (zstd, vector distance, mlockall) ship only in the distribution, never on Maven
            // Central: the embedded node runs without them by design, so their missing-library warning (with a
            // stack trace on every start) is noise here. Errors still show.
            Configurator.setLevel("org.elasticsearch.nativeaccess.NativeAccess", Level.ERROR);
        }

        // On restart keep the port already handed out, so clients built from httpUrl() keep working.
        int port = boundPort > 0 ? boundPort : requestedPort;
        Settings settings = nodeSettings(home, port);
        Node created = null;
        try {
            created = new VigilEmbeddedNode(new Environment(settings, home.resolve("config")), PLUGINS);
            created.start();
            ClusterHealthResponse health = created.client().admin().cluster()
                    .prepareHealth(TimeValue.timeValueMillis(startTimeout.toMillis()))
                    .setWaitForYellowStatus()
                    .setTimeout(TimeValue.timeValueMillis(startTimeout.toMillis()))
                    .get();
            if (health.isTimedOut()) {
                throw new IllegalStateException("Elasticsearch cluster did not reach yellow within " + startTimeout
                        + " (status " + health.getStatus() + ")");
            }
            boundPort = created.injector().getInstance(HttpServerTransport.class)
                    .boundAddress().publishAddress().getPort();
            node = created;
            awaitHttp();
        } catch (RuntimeException | Error e) {
            node = null;
            closeQuietly(created);
            throw e;
        } catch (Exception e) {
            node = null;
            closeQuietly(created);
            throw new IllegalStateException("embedded Elasticsearch failed to start in " + home + ": " + e.getMessage(), e);
        }
        lastStartDuration = Duration.ofNanos(System.nanoTime() - t0);
        log.info("Embedded Elasticsearch {} ready at {} in {} ms (data {})",
                org.elasticsearch.Build.current().version(), httpUrl(), lastStartDuration.toMillis(), home);
        return this;
    }

    /** {@code http://127.0.0.1:<port>}; valid once started (and across restarts, which keep the port). */
    public synchronized String httpUrl() {
        if (boundPort <= 0) throw new IllegalStateException("embedded Elasticsearch has not been started");
        return "http://" + LOOPBACK + ":" + boundPort;
    }

    /** The bound HTTP port, or -1 before the first start. */
    public synchronized int httpPort() {
        return boundPort;
    }

    public synchronized boolean isRunning() {
        return node != null;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String clusterName() {
        return clusterName;
    }

    /** How long the last {@link #start()} took until ready. */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    /** Stops and starts again on the same data directory and port. */
    public synchronized EmbeddedElasticsearch restart() {
        stop();
        return start();
    }

    /** Stops the node and waits for it to release its files. Idempotent. */
    public synchronized void stop() {
        Node n = node;
        node = null;
        if (n == null) return;
        try {
            n.close();
            if (!n.awaitClose(30, TimeUnit.SECONDS)) log.warn("Embedded Elasticsearch did not close within 30 s");
        } catch (IOException e) {
            throw new UncheckedIOException("failed to stop embedded Elasticsearch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Embedded Elasticsearch stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private Settings nodeSettings(Path home, int port) {
        Settings.Builder s = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", clusterName)
                .put("node.name", nodeName)
                .put("discovery.type", "single-node")
                .put("network.host", LOOPBACK)
                .put("http.port", Integer.toString(port))
                .put("transport.port", "0")
                // Kafka brings zstd-jni; the client then asks for zstd and ES's Netty cannot serve it: the
                // channel closes and the client hangs. Plain responses are fine on loopback.
                .put("http.compression", false)
                // A laptop disk at 90% must not turn every index read-only.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                // The real-memory breaker trips spuriously on the small heap shared with Kafka and DJL.
                .put("indices.breaker.total.use_real_memory", false)
                .put("indices.memory.index_buffer_size", "10%")
                // Daily indices (vigil-<family>-yyyy.MM.dd) and anything else may be auto-created, but never a bare
                // vigil-<family>: that name is the family's read alias, and an index squatting it breaks the alias.
                .put("action.auto_create_index", "+vigil-*-*,-vigil-*,+*");
        extraSettings.forEach(s::put);
        return s.build();
    }

    private void awaitHttp() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
                last = new IllegalStateException("GET / answered " + r.statusCode());
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("embedded Elasticsearch HTTP did not answer at " + httpUrl(), last);
    }

    private static void closeQuietly(Node n) {
        if (n == null) return;
        try {
            n.close();
            n.awaitClose(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("error while closing a failed embedded Elasticsearch node", e);
        }
    }

    static void requireJdk21() {
        int feature = Runtime.version().feature();
        if (feature < 21) {
            throw new IllegalStateException("Embedded Elasticsearch 9 needs a JDK 21 or newer; this JVM is "
                    + Runtime.version() + " at " + System.getProperty("java.home")
                    + ". Set JAVA_HOME to a JDK >= 21.");
        }
    }

    public static final class Builder {
        private final Path dataDirectory;
        private int httpPort = 0;
        private String clusterName = "vigil";
        private String nodeName = "vigil-local";
        private Duration startTimeout = Duration.ofSeconds(90);
        private final Map<String, String> extraSettings = new LinkedHashMap<>();

        private Builder(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        }

        /** HTTP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder httpPort(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("httpPort out of range: " + port);
            this.httpPort = port;
            return this;
        }

        public Builder clusterName(String name) {
            this.clusterName = requireText(name, "clusterName");
            return this;
        }

        public Builder nodeName(String name) {
            this.nodeName = requireText(name, "nodeName");
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("startTimeout must be > 0");
            this.startTimeout = timeout;
            return this;
        }

        /**
         * An additional node setting. {@code xpack.*} is refused (the embedded node has no x-pack and fails on
         * unknown settings), and so are the settings this class owns (paths, network, discovery).
         */
        public Builder setting(String key, String value) {
            requireText(key, "setting key");
            if (key.startsWith("xpack.")) throw new IllegalArgumentException("no xpack.* settings on the embedded node: " + key);
            if (key.startsWith("path.") || key.startsWith("network.") || key.startsWith("discovery.")
                    || key.equals("http.port") || key.equals("http.host")) {
                throw new IllegalArgumentException("setting " + key + " is managed by EmbeddedElasticsearch");
            }
            extraSettings.put(key, Objects.requireNonNull(value, "value of " + key));
            return this;
        }

        public EmbeddedElasticsearch build() {
            requireJdk21();
            return new EmbeddedElasticsearch(this);
        }

        private static String requireText(String s, String what) {
            if (s == null || s.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
            return s;
        }
    }
}
