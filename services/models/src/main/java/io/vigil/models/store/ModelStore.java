package io.vigil.models.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.models.Json;
import io.vigil.models.ScoringModel;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.text.TextClassifier;
import io.vigil.models.text.TorchScriptTextModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Versions of models under a root: {@code <root>/<name>/<version>/} holding parameters,
 * config.json, tokenizer.json (text) and model-card.json; {@code <root>/<name>/CURRENT} names the
 * version in service (the newest one when absent). Versions are "v1", "v2", ... and never reused.
 */
public final class ModelStore {

    public static final String CARD = "model-card.json";
    public static final String CONFIG = "config.json";
    private final Path root;

    public ModelStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path dir(String name, String version) {
        return root.resolve(name).resolve(version);
    }

    /** Model names with at least one version. */
    public List<String> models() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isDirectory(p) && !versionsOf(p).isEmpty())
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Versions oldest first. */
    public List<String> versions(String name) {
        return versionsOf(root.resolve(name));
    }

    private static List<String> versionsOf(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(CONFIG)))
                    .map(p -> p.getFileName().toString())
                    .sorted(Comparator.comparingLong(ModelStore::versionNumber).thenComparing(v -> v))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long versionNumber(String v) {
        String digits = v.replaceAll("\\D", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits.substring(0, Math.min(18, digits.length())));
    }

    /** The version in service: CURRENT if present, else the newest. */
    public Optional<String> current(String name) {
        Path cur = root.resolve(name).resolve("CURRENT");
        try {
            if (Files.exists(cur)) {
                return Optional.of(Files.readString(cur, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> v = versions(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    /** Promotes (or rolls back to) a version; written atomically. */
    public void setCurrent(String name, String version) {
        if (!Files.isRegularFile(dir(name, version).resolve(CONFIG))) {
            throw new IllegalArgumentException("no version " + version + " of " + name);
        }
        try {
            Path tmp = Files.createTempFile(root.resolve(name), "CURRENT", ".tmp");
            Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, root.resolve(name).resolve("CURRENT"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Next free version name, e.g. "v3" after "v2". */
    public String nextVersion(String name) {
        long max = versions(name).stream().mapToLong(ModelStore::versionNumber).max().orElse(0);
        return "v" + (max + 1);
    }

    public ModelCard card(String name, String version) {
        return Json.read(dir(name, version).resolve(CARD), ModelCard.class);
    }

    public void writeCard(ModelCard card) {
        Json.write(dir(card.name(), card.version()).resolve(CARD), card);
    }

    /** The "type" field of config.json. */
    public String type(String name, String version) {
        JsonNode cfg = Json.read(dir(name, version).resolve(CONFIG), JsonNode.class);
        return cfg.path("type").asText();
    }

    /**
     * Loads any version this library can score, by its config type. The reserved version
     * {@link io.vigil.models.rules.RulesModels#VERSION} ("rules") is the model's rules fallback, not a directory.
     */
    public ScoringModel<?> load(String name, String version) {
        if (io.vigil.models.rules.RulesModels.isRules(version)) {
            return io.vigil.models.rules.RulesModels.create(name); // the kill switch's documented fallback
        }
        return loadDir(name, dir(name, version));
    }

    /** Loads the version in a directory outside any store's version list (a staged or rejected candidate). */
    public static ScoringModel<?> loadDir(String name, Path d) {
        String type = Json.read(d.resolve(CONFIG), JsonNode.class).path("type").asText();
        return switch (type) {
            case io.vigil.models.text.TextModelConfig.TYPE -> TextClassifier.load(name, d);
            case io.vigil.models.tabular.TabularModelConfig.TYPE -> TabularModel.load(name, d);
            case TorchScriptTextModel.TYPE -> TorchScriptTextModel.load(name, d);
            default -> throw new IllegalArgumentException("unknown model type '" + type + "' in " + d);
        };
    }

    public TextClassifier loadText(String name, String version) {
        return TextClassifier.load(name, dir(name, version));
    }

    public TabularModel loadTabular(String name, String version) {
        return TabularModel.load(name, dir(name, version));
    }
}
