package io.vigil.monitors.drift;

import io.vigil.monitors.MonitorsMeters;
import io.vigil.monitors.MonitorsSettings;
import io.vigil.monitors.Sources;
import io.vigil.monitors.StateSerde;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Score;
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
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drift in the stream: every scored event is binned against its model version's reference profile (text length,
 * vocabulary coverage; each tabular feature; the score), keyed {@code domain|model|version}, counted per bin in
 * tumbling event-time windows, and each closed window becomes a {@code DriftMetric} per input on
 * {@code monitors.drift} plus an alert on {@code alerts} when an input crosses its bound.
 */
public final class DriftTopology {

    private DriftTopology() {
    }

    /** What the monitor keeps of a scored event: the window key and the bins of its inputs. */
    public record Binned(Map<String, Integer> bins) {
        public static final StateSerde.Codec<Binned> CODEC = new StateSerde.Codec<>() {
            @Override
            public void write(java.io.DataOutput out, Binned b) throws java.io.IOException {
                StateSerde.writeVar(out, b.bins().size());
                for (Map.Entry<String, Integer> e : b.bins().entrySet()) {
                    out.writeUTF(e.getKey());
                    StateSerde.writeVar(out, e.getValue());
                }
            }

            @Override
            public Binned read(java.io.DataInput in) throws java.io.IOException {
                int n = (int) StateSerde.readVar(in);
                Map<String, Integer> m = new java.util.LinkedHashMap<>();
                for (int i = 0; i < n; i++) m.put(in.readUTF(), (int) StateSerde.readVar(in));
                return new Binned(m);
            }
        };
    }

    public static void build(Sources src, MonitorsSettings settings, ProfileLookup profiles, MonitorsMeters meters) {
        MonitorsSettings.Drift s = settings.drift();
        KStream<String, Binned> news = src.news().flatMap((k, v) -> bin(Domain.NEWS, v.score(), profiles, meters,
                p -> Binning.text(p, v.article().title(), v.score().score())), Named.as("drift-news"));
        KStream<String, Binned> txn = src.transactions().flatMap((k, v) -> bin(Domain.TRANSACTIONS, v.score(), profiles, meters,
                p -> Binning.tabular(p, v.transaction().features(), v.score().score())), Named.as("drift-transactions"));
        KStream<String, Binned> notes = src.notes().flatMap((k, v) -> bin(Domain.NOTES, v.score(), profiles, meters,
                p -> Binning.text(p, v.note().text(), v.score().score())), Named.as("drift-notes"));

        KStream<String, DriftReport.Result> reports = news.merge(txn, Named.as("drift-merge-1")).merge(notes, Named.as("drift-merge-2"))
                .groupByKey(Grouped.with("drift-observations", Serdes.String(), StateSerde.of(Binned.class, Binned.CODEC)))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(s.windowMinutes()), Duration.ofMinutes(s.graceMinutes())))
                .aggregate(DriftWindow::empty, (k, b, w) -> w.add(b.bins()), Named.as("drift-window"),
                        Materialized.<String, DriftWindow, WindowStore<Bytes, byte[]>>as("drift-windows")
                                .withKeySerde(Serdes.String()).withValueSerde(StateSerde.of(DriftWindow.class, DriftWindow.CODEC)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("drift-closed"))
                .toStream(Named.as("drift-closed-windows"))
                .flatMap((wk, w) -> {
                    String[] p = wk.key().split("\\|", 3);
                    Optional<ModelProfile> profile = profiles.profile(p[1], p[2]);
                    if (profile.isEmpty()) return List.of();
                    DriftReport.Result r = DriftReport.of(s, Domain.valueOf(p[0].toUpperCase(Locale.ROOT)), p[1], p[2],
                            profile.get(), w, wk.window().startTime(), wk.window().endTime(), settings.source());
                    meters.driftReport(p[1], r.metrics().size());
                    if (r.alert() != null) meters.alert(DriftReport.RULE);
                    return List.of(KeyValue.pair(wk.key(), r));
                }, Named.as("drift-report"));
        reports.flatMapValues(DriftReport.Result::metrics, Named.as("drift-metrics"))
                .to(Topics.MONITORS_DRIFT.name(), Produced.with(Topics.MONITORS_DRIFT.keySerde(), Topics.MONITORS_DRIFT.valueSerde())
                        .withName("drift-metrics-sink"));
        reports.filter((k, r) -> r.alert() != null, Named.as("drift-breached"))
                .map((k, r) -> KeyValue.pair(r.alert().rule() + "|" + r.alert().key(), r.alert()), Named.as("drift-alerts"))
                .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde()).withName("drift-alerts-sink"));
    }

    static List<KeyValue<String, Binned>> bin(Domain domain, Score score, ProfileLookup profiles, MonitorsMeters meters,
                                              Function<ModelProfile, Map<String, Integer>> binner) {
        // rules-mode scores (kill switch on) come from no model version: nothing to compare with its training data
        if (score.mode() == io.vigil.topics.events.ScoringMode.RULES) return List.of();
        Optional<ModelProfile> p = profiles.profile(score.model(), score.modelVersion());
        if (p.isEmpty()) {
            meters.noProfile(score.model());
            return List.of();
        }
        return List.of(KeyValue.pair(domain.wire() + "|" + score.model() + "|" + score.modelVersion(), new Binned(binner.apply(p.get()))));
    }
}
