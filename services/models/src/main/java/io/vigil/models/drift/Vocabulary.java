package io.vigil.models.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.models.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The whole words of a model's tokenizer.json vocabulary (no {@code ##} pieces, no special tokens). */
public final class Vocabulary {

    private Vocabulary() {}

    public static Optional<Set<String>> of(Path versionDir) {
        Path f = versionDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(f)) return Optional.empty();
        JsonNode vocab = Json.read(f, JsonNode.class).path("model").path("vocab");
        Set<String> words = new HashSet<>();
        vocab.fieldNames().forEachRemaining(w -> {
            if (!w.startsWith("##") && !(w.startsWith("[") && w.endsWith("]"))) words.add(w);
        });
        return Optional.of(Set.copyOf(words));
    }
}
