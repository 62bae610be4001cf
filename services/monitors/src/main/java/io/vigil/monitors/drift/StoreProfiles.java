package io.vigil.monitors.drift;

import io.vigil.models.drift.ReferenceProfile;
import io.vigil.models.drift.Vocabulary;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference profiles from a model store ({@code <root>/<model>/<version>/reference-profile.json}), falling back to
 * the bundled default models on the classpath (a monitors instance need not share the inference volume). A version
 * without a profile (e.g. fine-tuned by the feedback service, which does not write one) is measured against the
 * newest earlier version that has one, and the metrics say which. Found profiles are cached; misses are looked up
 * again after {@link #MISS_TTL_MS}, so a profile written later is picked up.
 */
public final class StoreProfiles implements ProfileLookup {

    static final long MISS_TTL_MS = 30_000;
    private final Path root;
    private final Path bundled;
    private final Map<String, ModelProfile> found = new ConcurrentHashMap<>();
    private final Map<String, Long> missedAt = new ConcurrentHashMap<>();

    /** @param root the model store root; may be null or absent (bundled profiles only) */
    public StoreProfiles(Path root) {
        this.root = root;
        this.bundled = extractBundled();
    }

    @Override
    public Optional<ModelProfile> profile(String model, String version) {
        String key = model + "/" + version;
        ModelProfile p = found.get(key);
        if (p != null) return Optional.of(p);
        Long missed = missedAt.get(key);
        if (missed != null && System.currentTimeMillis() - missed < MISS_TTL_MS) return Optional.empty();
        Optional<ModelProfile> loaded = load(model, version);
        loaded.ifPresentOrElse(v -> found.put(key, v), () -> missedAt.put(key, System.currentTimeMillis()));
        return loaded;
    }

    private Optional<ModelProfile> load(String model, String version) {
        for (Path store : root == null ? List.of(bundled) : List.of(root, bundled)) {
            Path versionDir = new ModelStore(store).dir(model, version);
            Optional<ModelProfile> p = read(versionDir, version);
            if (p.isPresent()) return p;
        }
        // the newest earlier version with a profile, in the store then the bundle
        for (Path store : root == null ? List.of(bundled) : List.of(root, bundled)) {
            ModelStore s = new ModelStore(store);
            List<String> earlier = s.versions(model).stream().filter(v -> number(v) < number(version))
                    .sorted(Comparator.comparingLong(StoreProfiles::number).reversed()).toList();
            for (String v : earlier) {
                Optional<ModelProfile> p = read(s.dir(model, v), v);
                if (p.isPresent()) return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<ModelProfile> read(Path versionDir, String version) {
        if (!Files.isDirectory(versionDir)) return Optional.empty();
        return ReferenceProfile.read(versionDir).map(r -> new ModelProfile(r, version,
                Vocabulary.of(versionDir).orElse(Set.of())));
    }

    static long number(String v) {
        String digits = v.replaceAll("\\D", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits.substring(0, Math.min(18, digits.length())));
    }

    /** The bundled profiles and tokenizers, copied once to a temporary store (DJL is not needed to read them). */
    private static Path extractBundled() {
        try {
            Path dir = Files.createTempDirectory("vigil-monitors-profiles-");
            dir.toFile().deleteOnExit();
            for (String f : BundledModels.files()) {
                if (!f.endsWith(ReferenceProfile.FILE) && !f.endsWith("tokenizer.json") && !f.endsWith(ModelStore.CONFIG)) continue;
                try (InputStream in = BundledModels.class.getClassLoader().getResourceAsStream("models/" + f)) {
                    if (in == null) continue;
                    Path target = dir.resolve(f);
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled reference profiles", e);
        }
    }
}
