package io.vigil.monitors.privacy;

import io.vigil.monitors.Ids;
import io.vigil.monitors.MonitorsMeters;
import io.vigil.monitors.MonitorsSettings;
import io.vigil.topics.events.AuditOutcome;
import io.vigil.topics.events.AuditRecord;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.PublicAggregate;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Releases one closed window of one dataset: checks and spends the dataset's privacy budget, then noises every cell
 * of its public domain (cells without events too, so a cell's presence says nothing). Counts: count + discrete
 * Laplace(1/epsilon), clamped at 0. Means of values in [0,1]: half the epsilon for the count, half for the sum of
 * the values centred on 0.5 (sensitivity 0.5), mean = 0.5 + noisy centred sum / max(1, noisy count), clamped to
 * [0,1]; clamping and rounding are post-processing and cost no privacy.
 */
final class Releaser implements Processor<Windowed<String>, CellTotals, String, Releaser.Release> {

    record Release(List<PublicAggregate> aggregates, AuditRecord audit) {
    }

    private final MonitorsSettings settings;
    private final DiscreteLaplace mechanism;
    private final MonitorsMeters meters;
    private final String storeName;
    private ProcessorContext<String, Release> context;
    private KeyValueStore<String, Double> budget;

    Releaser(MonitorsSettings settings, DiscreteLaplace mechanism, MonitorsMeters meters, String storeName) {
        this.storeName = storeName;
        this.settings = settings;
        this.mechanism = mechanism;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Release> context) {
        this.context = context;
        this.budget = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<Windowed<String>, CellTotals> record) {
        String dataset = record.key().key();
        MonitorsSettings.Dataset d = settings.privacy().datasets().get(dataset);
        if (d == null) return; // configured away since the window opened
        Instant start = record.key().window().startTime();
        Instant end = record.key().window().endTime();
        double spent = budget.get(dataset) == null ? 0 : budget.get(dataset);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dataset", dataset);
        details.put("windowStart", start.toString());
        details.put("epsilon", Double.toString(d.epsilon()));
        details.put("budget", Double.toString(d.budget()));
        if (!PrivacyBudget.allows(spent, d.epsilon(), d.budget())) {
            details.put("spent", Double.toString(spent));
            details.put("reason", String.format(Locale.ROOT, "privacy budget spent: %.4f of %.4f used, a release costs %.4f",
                    spent, d.budget(), d.epsilon()));
            meters.refusal(dataset);
            context.forward(record.withKey(dataset).withValue(new Release(List.of(), audit(dataset, start, end, AuditOutcome.DENIED, details))));
            return;
        }
        double after = spent + d.epsilon();
        budget.put(dataset, after);
        details.put("spent", Double.toString(after));
        List<PublicAggregate> out = new ArrayList<>();
        for (String cell : PublicSummaries.domain(d)) {
            CellTotals.Cell c = record.value().cells().getOrDefault(cell, new CellTotals.Cell(0, 0));
            out.add(release(dataset, cell, c, d, start, end, after));
        }
        meters.release(dataset);
        context.forward(record.withKey(dataset).withValue(new Release(out, audit(dataset, start, end, AuditOutcome.OK, details))));
    }

    private PublicAggregate release(String dataset, String cell, CellTotals.Cell c, MonitorsSettings.Dataset d, Instant start,
                                    Instant end, double spent) {
        String id = Ids.of("pub", start, dataset, cell);
        String source = settings.source();
        if (!PublicSummaries.isMean(dataset)) {
            long noisy = Math.max(0, mechanism.count(c.count(), d.epsilon()));
            return new PublicAggregate(id, end, source, Event.CURRENT_VERSION, dataset, cell, start, end, "count", noisy,
                    DiscreteLaplace.NAME, d.epsilon(), 1.0, 1.0 / d.epsilon(), spent, d.budget());
        }
        double half = d.epsilon() / 2;
        double sensitivity = 0.5;
        long noisyCount = mechanism.count(c.count(), half);
        double noisyCentred = mechanism.sum(c.sum() - 0.5 * c.count(), sensitivity, half);
        double mean = Math.max(0, Math.min(1, 0.5 + noisyCentred / Math.max(1, noisyCount)));
        return new PublicAggregate(id, end, source, Event.CURRENT_VERSION, dataset, cell, start, end, "mean", mean,
                DiscreteLaplace.NAME, d.epsilon(), sensitivity, sensitivity / half, spent, d.budget());
    }

    private AuditRecord audit(String dataset, Instant start, Instant end, AuditOutcome outcome, Map<String, String> details) {
        return new AuditRecord(Ids.of("audit-dp", start, dataset, outcome.name().toLowerCase(Locale.ROOT)), end, settings.source(),
                Event.CURRENT_VERSION, settings.source(), "system", "dp-release", dataset, null, outcome, details);
    }
}
