package io.vigil.feedback;

import io.vigil.models.store.ModelStore;
import io.vigil.models.train.SentimentTraining;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Champion news-sentiment models for tests: the default recipe with fewer epochs, or a copy of a trained store. */
final class Champions {

    static final Path DATA = Path.of("../../data").toAbsolutePath().normalize();

    private Champions() {}

    /**
     * The default news-sentiment recipe (data, split, architecture, seed) trained for {@code epochs}; or, when
     * the system property {@code vigil.feedback.champion-store} names a store holding news-sentiment, a copy of it.
     */
    static void install(Path storeRoot, int epochs) {
        String given = System.getProperty("vigil.feedback.champion-store", "");
        try {
            if (!given.isBlank()) {
                copy(Path.of(given).resolve(SentimentTraining.NAME), storeRoot.resolve(SentimentTraining.NAME));
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
