package io.vigil.monitors;

import io.vigil.monitors.drift.DriftTopology;
import io.vigil.monitors.drift.ProfileLookup;
import io.vigil.monitors.fairness.FairnessTopology;
import io.vigil.monitors.privacy.DiscreteLaplace;
import io.vigil.monitors.privacy.PublicSummaries;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.util.Properties;
import java.util.function.Supplier;

/**
 * The monitors' one Streams application: fairness, drift and the public summaries, each optional, sharing the
 * source topics. Pure: the same settings give the same topology on a TopologyTestDriver and on a cluster.
 */
public final class MonitorsTopology {

    private MonitorsTopology() {
    }

    /**
     * @param mechanism the noise source per release processor: {@link DiscreteLaplace#secure()} in service, a seeded
     *                  one in tests
     */
    public static Topology build(MonitorsSettings settings, ProfileLookup profiles, Supplier<DiscreteLaplace> mechanism,
                                 MonitorsMeters meters) {
        StreamsBuilder builder = new StreamsBuilder();
        Sources src = new Sources(builder);
        if (settings.fairness().enabled()) FairnessTopology.build(src, settings, meters);
        if (settings.drift().enabled()) DriftTopology.build(src, settings, profiles, meters);
        if (settings.privacy().enabled()) PublicSummaries.build(src, settings, mechanism, meters);
        Topology t = builder.build();
        if (t.describe().subtopologies().isEmpty())
            throw new IllegalArgumentException("every monitor is disabled (monitors.fairness/drift/privacy.enabled)");
        return t;
    }

    /** The platform's Streams properties (exactly-once v2) plus the bad-input handler. */
    public static Properties configure(Properties base, MonitorsMeters meters) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, BadInputHandler.class);
        p.put(BadInputHandler.METERS_CONFIG, meters);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return p;
    }
}
