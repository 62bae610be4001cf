package io.vigil.monitors;

import io.vigil.monitors.drift.ProfileLookup;
import io.vigil.monitors.drift.StoreProfiles;
import io.vigil.monitors.privacy.DiscreteLaplace;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The monitors service: one Kafka Streams application (exactly-once v2, state under {@code <data-dir>/state/monitors})
 * measuring fairness and drift and publishing the differentially private summaries. Health check
 * {@code monitors-streams}; meters {@code vigil.monitors.*}.
 */
public final class MonitorsService implements Service {

    private static final Logger log = LoggerFactory.getLogger(MonitorsService.class);

    private final ServiceContext ctx;
    private final MonitorsSettings settings;
    private final MonitorsMeters meters;
    private final ProfileLookup profiles;
    private KafkaStreams streams;
    private boolean closed;

    /** Reads and validates {@code monitors.*} now, so a bad configuration fails before anything starts. */
    public MonitorsService(ServiceContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.config().bind("monitors", MonitorsSettings.class);
        this.meters = new MonitorsMeters(ctx.metrics());
        Path models = settings.modelsDir().isEmpty() ? ctx.dataDir().resolve("models") : Path.of(settings.modelsDir());
        this.profiles = new StoreProfiles(models);
    }

    @Override
    public String name() {
        return "monitors";
    }

    public MonitorsSettings settings() {
        return settings;
    }

    @Override
    public synchronized void start() {
        if (streams != null) return;
        var props = MonitorsTopology.configure(ctx.kafka().streams(settings.applicationId(), ctx.stateDir("monitors")), meters);
        streams = new KafkaStreams(MonitorsTopology.build(settings, profiles, DiscreteLaplace::secure, meters), props);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Monitors topology failed; stopping it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        ctx.health().register("monitors-streams", () -> switch (streams.state()) {
            case RUNNING, REBALANCING, CREATED -> Health.Status.up(streams.state().toString());
            default -> Health.Status.down(streams.state().toString());
        });
        streams.start();
        log.info("Monitors running: fairness {}, drift {}, public summaries {}", settings.fairness().enabled(),
                settings.drift().enabled(), settings.privacy().enabled());
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (streams != null) streams.close(Duration.ofSeconds(30));
        ctx.health().unregister("monitors-streams");
    }
}
