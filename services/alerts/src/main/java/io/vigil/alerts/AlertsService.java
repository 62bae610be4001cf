package io.vigil.alerts;

import io.vigil.alerts.notify.AlertNotifier;
import io.vigil.alerts.rules.AlertRules;
import io.vigil.platform.health.Health;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The alerts service: the rules topology (Kafka Streams, exactly-once v2, state under
 * {@code <data-dir>/state/alerts}) and the notifier (listeners such as {@link AlertPrinter}, then webhooks).
 * Health checks {@code alerts-streams} and {@code alerts-notifier}; meters {@code vigil.alerts.*}.
 */
public final class AlertsService implements Service {

    private static final Logger log = LoggerFactory.getLogger(AlertsService.class);

    private final ServiceContext ctx;
    private final List<AlertListener> listeners;
    private final AlertsSettings settings;
    private final AlertRules rules;
    private final AlertMeters meters;
    private KafkaStreams streams;
    private AlertNotifier notifier;
    private boolean closed;

    /**
     * Reads and validates {@code alerts.*} and the rules file now, so a bad configuration fails before anything
     * starts.
     *
     * @param listeners called once per committed alert (e.g. {@code new AlertPrinter(System.out)} in local mode)
     */
    public AlertsService(ServiceContext ctx, List<AlertListener> listeners) {
        this.ctx = ctx;
        this.listeners = List.copyOf(listeners);
        this.settings = ctx.config().bind("alerts", AlertsSettings.class);
        this.rules = AlertRules.load(settings.rulesFile());
        this.meters = new AlertMeters(ctx.metrics());
    }

    public AlertsService(ServiceContext ctx, AlertListener... listeners) {
        this(ctx, List.of(listeners));
    }

    @Override
    public String name() {
        return "alerts";
    }

    public AlertRules rules() {
        return rules;
    }

    @Override
    public synchronized void start() {
        if (streams != null) return;
        var props = AlertsTopology.configure(ctx.kafka().streams(settings.applicationId(), ctx.stateDir("alerts")), meters);
        streams = new KafkaStreams(AlertsTopology.build(rules, meters), props);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Alert topology failed; stopping it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        ctx.health().register("alerts-streams", () -> switch (streams.state()) {
            case RUNNING, REBALANCING, CREATED -> Health.Status.up(streams.state() + " " + rules);
            default -> Health.Status.down(streams.state().toString());
        });
        streams.start();
        log.info("Alert rules running: {}", rules);

        if (!listeners.isEmpty() || !settings.webhook().urls().isEmpty()) {
            notifier = new AlertNotifier(ctx.kafka().consumer("alerts-notifier", settings.webhook().consumerGroup()),
                    ctx.kafka().producer("alerts-dlq"), settings.webhook(), listeners, meters);
            ctx.health().register("alerts-notifier", () -> notifier.isRunning() ? Health.Status.up(
                    settings.webhook().urls().size() + " webhook URL(s)") : Health.Status.down(
                    notifier.failure() == null ? "stopped" : notifier.failure()));
            notifier.start();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (notifier != null) notifier.close();
        if (streams != null) streams.close(Duration.ofSeconds(30));
        ctx.health().unregister("alerts-streams");
        ctx.health().unregister("alerts-notifier");
    }
}
