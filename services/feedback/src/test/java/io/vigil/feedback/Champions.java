package io.vigil.feedback;

import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import io.vigil.models.train.SentimentTraining;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Champion news-sentiment models for tests: the bundled default model (MiniLM-based: training it costs minutes of
 * frozen-encoder passes, so tests start from the shipped version), a copy of a trained store, or, in a build without
 * bundled models, the default recipe with fewer epochs.
 */
final class Champions {

    static final Path DATA = Path.of("../../data").toAbsolutePath().normalize();

    private Champions() {}

    /**
     * When the system property {@code vigil.feedback.champion-store} names a store holding news-sentiment, a copy of
     * it; else the bundled news-sentiment; else the default recipe (data, split, architecture, seed) trained for
     * {@code epochs}.
     */
    static void install(Path storeRoot, int epochs) {
        String given = System.getProperty("vigil.feedback.champion-store", "");
        try {
            if (!given.isBlank()) {
                copy(Path.of(given).resolve(SentimentTraining.NAME), storeRoot.resolve(SentimentTraining.NAME));
            } else if (BundledModels.files().stream().anyMatch(f -> f.startsWith(SentimentTraining.NAME + "/"))) {
                BundledModels.install(new ModelStore(storeRoot));
            } else {
                SentimentTraining.train(DATA, new ModelStore(storeRoot), SentimentTraining.defaultModelConfig(),
                        SentimentTraining.defaultTrainConfig().withMaxEpochs(epochs), 8000);
            }
            ModelStore store = new ModelStore(storeRoot);
            store.setCurrent(SentimentTraining.NAME, store.current(SentimentTraining.NAME).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
