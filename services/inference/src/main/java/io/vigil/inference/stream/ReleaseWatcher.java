package io.vigil.inference.stream;

import io.vigil.inference.workload.ModelRegistry;
import io.vigil.models.rules.RulesModels;
import io.vigil.models.store.ModelStore;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ReleaseAction;
import io.vigil.topics.serde.DecodeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows models.releases (compacted: the latest record per model is its state) from the beginning, with
 * no consumer group, so every instance sees every release. The scoring loop calls {@link #applyPending()}
 * between transactions, which is what makes each transaction's batch scored by exactly one version.
 */
public final class ReleaseWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReleaseWatcher.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final ModelRegistry registry;
    private final Set<String> killed = ConcurrentHashMap.newKeySet();

    public ReleaseWatcher(Map<String, Object> consumerProps, ModelRegistry registry) {
        Map<String, Object> p = new LinkedHashMap<>(consumerProps);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: no group, no commits
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.registry = registry;
        List<TopicPartition> parts = consumer.partitionsFor(Topics.MODELS_RELEASES.name(), Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** Reads every release up to the current end: the latest record per model (its version; {@link #killed} its switch). */
    public Map<String, ModelRelease> catchUp(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        Map<String, ModelRelease> latest = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(end) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                ModelRelease m = decode(r);
                if (m == null) continue;
                latest.put(m.model(), m); // kill/restore carry the champion's version too
                track(m);
            }
        }
        return latest;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Applies releases that arrived since the last call; returns how many versions were swapped. */
    public int applyPending() {
        int swaps = 0;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ZERO)) {
            ModelRelease m = decode(r);
            if (m != null && apply(m)) swaps++;
        }
        return swaps;
    }

    /**
     * True when the release changed the live version. Failures are logged; the old version keeps serving.
     * Kill switch: {@code kill} swaps the model for its documented rules ({@link RulesModels}, version "rules",
     * so every score says so) until {@code restore} swaps back to the release's version. A kill or restore
     * carries the champion's version and location, so the latest record per model stays a complete state
     * under compaction; a promote or rollback that arrives while killed is stored (CURRENT) but not served.
     */
    public boolean apply(ModelRelease m) {
        boolean wasKilled = killed(m.model());
        track(m);
        if (!registry.serves(m.model())) return false;
        try {
            switch (m.action()) {
                case KILL -> {
                    resolveAndStore(m);
                    if (RulesModels.isRules(registry.version(m.model()))) return false;
                    registry.swap(m.model(), RulesModels.VERSION);
                    log.warn("kill switch ON for {}: scoring with its rules until restored ({})", m.model(), m.reason());
                    return true;
                }
                case RESTORE -> {
                    if (registry.version(m.model()).equals(m.modelVersion())) return false;
                    resolveAndStore(m);
                    registry.swap(m.model(), m.modelVersion());
                    log.info("kill switch OFF for {}: {} serves again", m.model(), m.modelVersion());
                    return true;
                }
                default -> {
                    if (wasKilled) {
                        resolveAndStore(m);
                        log.warn("{} {} of {} stored; the kill switch is on, so the rules keep serving until restored",
                                m.action().wire(), m.modelVersion(), m.model());
                        return false;
                    }
                    if (registry.version(m.model()).equals(m.modelVersion())) return false;
                    resolve(registry.store(), m);
                    registry.swap(m.model(), m.modelVersion());
                    registry.store().setCurrent(m.model(), m.modelVersion());
                    return true;
                }
            }
        } catch (RuntimeException e) {
            log.error("release {} {} of {} not applied; {} keeps serving: {}", m.action().wire(), m.modelVersion(),
                    m.model(), registry.version(m.model()), e.toString());
            return false;
        }
    }

    private void resolveAndStore(ModelRelease m) {
        resolve(registry.store(), m);
        registry.store().setCurrent(m.model(), m.modelVersion());
    }

    /** Kill and restore records, in topic order: the set of models whose kill switch is on. */
    private void track(ModelRelease m) {
        if (m.action() == ReleaseAction.KILL) killed.add(m.model());
        else if (m.action() == ReleaseAction.RESTORE) killed.remove(m.model());
    }

    /** Whether the model's kill switch is on (its rules serve). */
    public boolean killed(String model) {
        return killed.contains(model);
    }

    /** Makes {@code <store>/<model>/<version>} exist, copying it from the release's location when needed. */
    public static void resolve(ModelStore store, ModelRelease m) {
        Path target = store.dir(m.model(), m.modelVersion());
        if (Files.isRegularFile(target.resolve(ModelStore.CONFIG))) return;
        String loc = m.location();
        Path source = loc.startsWith("file:") ? Path.of(URI.create(loc)) : Path.of(loc);
        if (!Files.isRegularFile(source.resolve(ModelStore.CONFIG))) {
            throw new IllegalStateException("release location " + loc + " is not a model directory (no config.json)");
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), "." + m.modelVersion() + "-");
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, tmp.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE); // a half-copied version is never visible
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " into the model store", e);
        }
    }

    private static ModelRelease decode(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) return null;
        DecodeResult<ModelRelease> d = Topics.MODELS_RELEASES.jsonValueSerde().tryDecode(r.value());
        if (d instanceof DecodeResult.Invalid<ModelRelease> i) {
            log.warn("ignoring an invalid release at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), i.message());
            return null;
        }
        return d.orThrow();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

}
