package io.vigil.monitors;

import io.vigil.monitors.drift.ProfileLookup;
import io.vigil.monitors.drift.StoreProfiles;
import io.vigil.monitors.privacy.DiscreteLaplace;
import io.vigil.platform.config.VigilConfig;
import io.vigil.topics.Topic;
import io.vigil.topics.events.Event;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The monitors topology on a TopologyTestDriver, configured from the defaults plus overrides. */
final class Harness implements AutoCloseable {

    final MonitorsSettings settings;
    final MonitorsMeters meters = MonitorsMeters.detached();
    final TopologyTestDriver driver;

    Harness(Map<String, String> overrides, ProfileLookup profiles, Path stateDir) {
        settings = VigilConfig.load(null, Map.of(), overrides).bind("monitors", MonitorsSettings.class);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "monitors-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(MonitorsTopology.build(settings, profiles, Harness::seeded, meters),
                MonitorsTopology.configure(p, meters));
    }

    Harness(Map<String, String> overrides, Path stateDir) {
        this(overrides, new StoreProfiles(null), stateDir);
    }

    /** A reproducible noise source: SHA1PRNG seeded before first use yields a fixed sequence. */
    static DiscreteLaplace seeded() {
        return new DiscreteLaplace(seededRandom(42));
    }

    static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    <V extends Event> void pipe(Topic<String, V> topic, String key, V value) {
        TestInputTopic<String, V> in = driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
        in.pipeInput(key, value, value.eventTime());
    }

    <V> List<V> read(Topic<String, V> topic) {
        TestOutputTopic<String, V> out = driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        return out.readValuesToList();
    }

    static Map<String, String> only(String monitor, Map<String, String> extra) {
        Map<String, String> m = new java.util.HashMap<>(extra);
        for (String s : List.of("fairness", "drift", "privacy")) m.putIfAbsent("monitors." + s + ".enabled", String.valueOf(s.equals(monitor)));
        return m;
    }

    @Override
    public void close() {
        driver.close();
    }
}
