package io.vigil.monitors.fairness;

import io.vigil.monitors.MonitorsMeters;
import io.vigil.monitors.MonitorsSettings;
import io.vigil.monitors.Sources;
import io.vigil.monitors.StateSerde;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Correction;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.FairnessMetric;
import io.vigil.topics.events.Score;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fairness in the stream. Every scored transaction and note adds one observation per configured group attribute
 * it carries (flagged = its label is a positive label, and its score); every analyst correction adds a verdict
 * (the model's label against the analyst's) to the groups of the event it corrects (its own groups, else those of
 * the scored event, joined by event id). Observations are keyed {@code domain|model}, counted per attribute and group
 * in tumbling event-time windows, and each closed window becomes a {@link FairnessMetric} per group on
 * {@code monitors.fairness} plus an alert on {@code alerts} when a group crosses a bound.
 */
public final class FairnessTopology {

    private FairnessTopology() {
    }

    public static void build(Sources src, MonitorsSettings settings, MonitorsMeters meters) {
        MonitorsSettings.Fairness s = settings.fairness();
        MonitorsSettings.FairnessDomain txn = s.domains().get(Domain.TRANSACTIONS.wire());
        MonitorsSettings.FairnessDomain notes = s.domains().get(Domain.NOTES.wire());
        List<KStream<String, Observation>> parts = new ArrayList<>();
        List<KStream<String, Subject>> subjects = new ArrayList<>();
        if (txn != null && !txn.attributes().isEmpty()) {
            parts.add(src.transactions().flatMap((k, v) -> scored(Domain.TRANSACTIONS, txn, v.score(), v.transaction().transaction().groups()),
                    Named.as("fairness-transactions")));
            subjects.add(src.transactions().map((k, v) -> KeyValue.pair(v.id(), new Subject(Domain.TRANSACTIONS.wire(),
                    v.score().model(), v.transaction().transaction().groups())), Named.as("fairness-transaction-subjects")));
        }
        if (notes != null && !notes.attributes().isEmpty()) {
            parts.add(src.notes().flatMap((k, v) -> scored(Domain.NOTES, notes, v.score(), v.note().groups()),
                    Named.as("fairness-notes")));
            subjects.add(src.notes().map((k, v) -> KeyValue.pair(v.id(), new Subject(Domain.NOTES.wire(),
                    v.score().model(), v.note().groups())), Named.as("fairness-note-subjects")));
        }
        if (parts.isEmpty()) return;

        // verdicts: corrections that carry groups count directly; the others borrow the scored event's groups
        KStream<String, Correction> corrections = src.corrections().filter((k, c) -> s.domains().containsKey(c.domain().wire()),
                Named.as("fairness-corrections"));
        parts.add(corrections.filter((k, c) -> c.groups() != null && !c.groups().isEmpty(), Named.as("fairness-corrections-with-groups"))
                .flatMap((k, c) -> verdicts(s, c, c.groups()), Named.as("fairness-verdicts-direct")));
        KStream<String, Subject> allSubjects = subjects.getFirst();
        for (int i = 1; i < subjects.size(); i++) allSubjects = allSubjects.merge(subjects.get(i), Named.as("fairness-subjects-" + i));
        // only events with groups can lend them: the join store holds no PaySim or group-less events
        allSubjects = allSubjects.filter((k, subj) -> subj.groups() != null && !subj.groups().isEmpty(), Named.as("fairness-subjects-with-groups"));
        Duration grace = Duration.ofMinutes(s.graceMinutes());
        parts.add(corrections.filter((k, c) -> c.groups() == null || c.groups().isEmpty(), Named.as("fairness-corrections-without-groups"))
                .selectKey((k, c) -> c.eventId(), Named.as("fairness-corrections-by-event"))
                .join(allSubjects, (c, subj) -> new Joined(c, subj.groups()),
                        JoinWindows.ofTimeDifferenceAndGrace(Duration.ofDays(s.labelJoinDays()), grace),
                        StreamJoined.with(Serdes.String(), Topics.FEEDBACK_CORRECTIONS.valueSerde(), StateSerde.of(Subject.class, Subject.CODEC))
                                .withName("fairness-label-join").withStoreName("fairness-label-join"))
                .flatMap((k, j) -> verdicts(s, j.correction(), j.groups()), Named.as("fairness-verdicts-joined")));

        KStream<String, Observation> all = parts.getFirst();
        for (int i = 1; i < parts.size(); i++) all = all.merge(parts.get(i), Named.as("fairness-merge-" + i));

        KStream<String, FairnessReport.Result> reports = all
                .groupByKey(Grouped.with("fairness-observations", Serdes.String(), StateSerde.of(Observation.class, Observation.CODEC)))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(s.windowMinutes()), grace))
                .aggregate(GroupWindow::empty, (k, o, w) -> w.add(o), Named.as("fairness-window"),
                        Materialized.<String, GroupWindow, WindowStore<Bytes, byte[]>>as("fairness-windows")
                                .withKeySerde(Serdes.String()).withValueSerde(StateSerde.of(GroupWindow.class, GroupWindow.CODEC)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("fairness-closed"))
                .toStream(Named.as("fairness-closed-windows"))
                .flatMap((wk, w) -> {
                    String[] parts2 = wk.key().split("\\|", 2);
                    Domain domain = Domain.valueOf(parts2[0].toUpperCase(Locale.ROOT));
                    List<KeyValue<String, FairnessReport.Result>> out = new ArrayList<>();
                    w.attributes().forEach((attribute, groups) -> {
                        FairnessReport.Result r = FairnessReport.of(s, s.domains().get(parts2[0]), domain, parts2[1], attribute,
                                wk.window().startTime(), wk.window().endTime(), groups, settings.source());
                        meters.fairnessReport(domain.wire(), r.metrics().size());
                        if (r.alert() != null) meters.alert(FairnessReport.RULE);
                        out.add(KeyValue.pair(wk.key() + "|" + attribute, r));
                    });
                    return out;
                }, Named.as("fairness-report"));
        reports.flatMapValues(FairnessReport.Result::metrics, Named.as("fairness-metrics"))
                .to(Topics.MONITORS_FAIRNESS.name(), Produced.with(Topics.MONITORS_FAIRNESS.keySerde(),
                        Topics.MONITORS_FAIRNESS.valueSerde()).withName("fairness-metrics-sink"));
        reports.filter((k, r) -> r.alert() != null, Named.as("fairness-breached"))
                .map((k, r) -> KeyValue.pair(r.alert().rule() + "|" + r.alert().key(), r.alert()), Named.as("fairness-alerts"))
                .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde()).withName("fairness-alerts-sink"));
    }

    record Joined(Correction correction, Map<String, String> groups) {
    }

    static List<KeyValue<String, Observation>> scored(Domain domain, MonitorsSettings.FairnessDomain d, Score score,
                                                      Map<String, String> groups) {
        Map<String, String> g = configured(d, groups);
        if (g.isEmpty()) return List.of();
        boolean flagged = d.positiveLabels().contains(score.label());
        return List.of(KeyValue.pair(key(domain.wire(), score.model()), Observation.scored(g, flagged, score.score())));
    }

    static List<KeyValue<String, Observation>> verdicts(MonitorsSettings.Fairness s, Correction c, Map<String, String> groups) {
        MonitorsSettings.FairnessDomain d = s.domains().get(c.domain().wire());
        if (d == null) return List.of();
        Map<String, String> g = configured(d, groups);
        if (g.isEmpty()) return List.of();
        boolean predicted = d.positiveLabels().contains(c.originalLabel());
        boolean actual = d.positiveLabels().contains(c.correctedLabel());
        return List.of(KeyValue.pair(key(c.domain().wire(), c.model()), Observation.verdict(g, predicted, actual)));
    }

    /** The configured attributes the event carries; none invented: an attribute the event lacks is not measured. */
    static Map<String, String> configured(MonitorsSettings.FairnessDomain d, Map<String, String> groups) {
        Map<String, String> out = new LinkedHashMap<>();
        if (groups == null) return out;
        for (String attribute : d.attributes()) {
            String v = groups.get(attribute);
            if (v != null && !v.isBlank()) out.put(attribute, v);
        }
        return out;
    }

    static String key(String domain, String model) {
        return domain + "|" + model;
    }
}
