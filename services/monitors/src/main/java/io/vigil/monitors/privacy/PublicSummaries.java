package io.vigil.monitors.privacy;

import io.vigil.monitors.MonitorsMeters;
import io.vigil.monitors.MonitorsSettings;
import io.vigil.monitors.Sources;
import io.vigil.monitors.StateSerde;
import io.vigil.topics.Topics;
import io.vigil.topics.events.AuditRecord;
import io.vigil.topics.events.PublicAggregate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Differentially private public summaries. Each dataset maps an event to one cell of a public, configured domain
 * (anything else counts as {@code other}), totals the cells per window, and when the window closes the
 * {@link Releaser} spends the dataset's epsilon from its budget store and publishes every cell with noise on
 * {@code monitors.public}; a release the budget cannot pay for is refused. Either way an audit record says so.
 * The budget store is a changelogged state store updated in the same exactly-once transaction as the release,
 * so a crash can neither publish without spending nor spend without publishing.
 */
public final class PublicSummaries {

    public static final String ALERTS_PER_RULE = "alerts-per-rule-day";
    public static final String URGENT_NOTES_PER_SPECIALTY = "urgent-notes-per-specialty-day";
    public static final String MEAN_FRAUD_RISK_PER_TYPE = "mean-fraud-risk-per-type-day";
    public static final Set<String> KNOWN = Set.of(ALERTS_PER_RULE, URGENT_NOTES_PER_SPECIALTY, MEAN_FRAUD_RISK_PER_TYPE);
    public static final String OTHER = "other";
    /** Prefix of the per-dataset budget stores ({@code privacy-budget-<dataset>}). */
    public static final String BUDGET_STORE = "privacy-budget";
    static final String URGENT = "urgent";

    private PublicSummaries() {
    }

    /** Whether a dataset publishes a mean of values in [0, 1] (else a count). */
    static boolean isMean(String dataset) {
        return MEAN_FRAUD_RISK_PER_TYPE.equals(dataset);
    }

    public static void build(Sources src, MonitorsSettings settings, Supplier<DiscreteLaplace> mechanism, MonitorsMeters meters) {
        MonitorsSettings.Privacy p = settings.privacy();
        MonitorsSettings.Dataset alerts = enabled(p, ALERTS_PER_RULE);
        if (alerts != null) release(src, settings, ALERTS_PER_RULE, src.alerts().map((k, a) -> KeyValue.pair(ALERTS_PER_RULE,
                new CellTotals.Contribution(cell(alerts, a.rule()), 1)), Named.as("public-alerts-per-rule")), mechanism, meters);
        MonitorsSettings.Dataset urgent = enabled(p, URGENT_NOTES_PER_SPECIALTY);
        if (urgent != null) release(src, settings, URGENT_NOTES_PER_SPECIALTY,
                src.notes().filter((k, n) -> URGENT.equals(n.score().label()), Named.as("public-urgent-notes"))
                        .map((k, n) -> KeyValue.pair(URGENT_NOTES_PER_SPECIALTY, new CellTotals.Contribution(cell(urgent, n.note().specialty()), 1)),
                                Named.as("public-urgent-notes-per-specialty")), mechanism, meters);
        MonitorsSettings.Dataset risk = enabled(p, MEAN_FRAUD_RISK_PER_TYPE);
        if (risk != null) release(src, settings, MEAN_FRAUD_RISK_PER_TYPE, src.transactions().map((k, t) -> KeyValue.pair(MEAN_FRAUD_RISK_PER_TYPE,
                new CellTotals.Contribution(cell(risk, t.transaction().transaction().type().toLowerCase(Locale.ROOT)),
                        Math.max(0, Math.min(1, t.score().score())))), Named.as("public-fraud-risk-per-type")), mechanism, meters);
    }

    /**
     * One chain per dataset (its own repartition topic and stream time, so a lagging source topic cannot expire
     * another dataset's windows), each with its own budget store.
     */
    private static void release(Sources src, MonitorsSettings settings, String dataset, KStream<String, CellTotals.Contribution> contributions,
                                Supplier<DiscreteLaplace> mechanism, MonitorsMeters meters) {
        MonitorsSettings.Privacy p = settings.privacy();
        String store = BUDGET_STORE + "-" + dataset;
        src.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.Double()));
        KStream<String, Releaser.Release> releases = contributions
                .groupByKey(Grouped.with(dataset, Serdes.String(), StateSerde.of(CellTotals.Contribution.class, CellTotals.Contribution.CODEC)))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(p.windowMinutes()), Duration.ofMinutes(p.graceMinutes())))
                .aggregate(CellTotals::empty, (k, c, t) -> t.add(c), Named.as(dataset + "-window"),
                        Materialized.<String, CellTotals, WindowStore<Bytes, byte[]>>as(dataset + "-windows")
                                .withKeySerde(Serdes.String()).withValueSerde(StateSerde.of(CellTotals.class, CellTotals.CODEC)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName(dataset + "-closed"))
                .toStream(Named.as(dataset + "-closed-windows"))
                .process(() -> new Releaser(settings, mechanism.get(), meters, store), Named.as(dataset + "-release"), store);
        releases.flatMapValues(Releaser.Release::aggregates, Named.as(dataset + "-aggregates"))
                .to(Topics.MONITORS_PUBLIC.name(), Produced.with(Topics.MONITORS_PUBLIC.keySerde(), Topics.MONITORS_PUBLIC.valueSerde())
                        .withName(dataset + "-aggregates-sink"));
        releases.mapValues(Releaser.Release::audit, Named.as(dataset + "-audit"))
                .map((k, a) -> KeyValue.pair(a.id(), a), Named.as(dataset + "-audit-key"))
                .to(Topics.AUDIT.name(), Produced.<String, AuditRecord>with(Topics.AUDIT.keySerde(), Topics.AUDIT.valueSerde())
                        .withName(dataset + "-audit-sink"));
    }

    private static MonitorsSettings.Dataset enabled(MonitorsSettings.Privacy p, String name) {
        if (!p.enabled()) return null;
        MonitorsSettings.Dataset d = p.datasets().get(name);
        return d != null && d.enabled() ? d : null;
    }

    static String cell(MonitorsSettings.Dataset d, String value) {
        return value != null && d.cells().contains(value) ? value : OTHER;
    }

    /** The published cells of a dataset: its configured domain and {@code other}, in that order. */
    static List<String> domain(MonitorsSettings.Dataset d) {
        List<String> out = new ArrayList<>(d.cells());
        if (!out.contains(OTHER)) out.add(OTHER);
        return out;
    }

    /** A public aggregate's type parameter, for callers that only read them. */
    public static Class<PublicAggregate> type() {
        return PublicAggregate.class;
    }
}
