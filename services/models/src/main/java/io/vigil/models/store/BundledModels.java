package io.vigil.models.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The default models shipped on the classpath under {@code models/} (listed in
 * {@code models/index.txt}). DJL loads parameters from files, so {@link #install(ModelStore)}
 * copies every bundled version the store lacks into it (never overwriting an existing version).
 */
public final class BundledModels {

    public static final String INDEX = "models/index.txt";

    private BundledModels() {}

    /** Relative paths (name/version/file) of the bundled files. */
    public static List<String> files() {
        try (InputStream in = BundledModels.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies bundled versions missing from the store; returns the number of files copied. */
    public static int install(ModelStore store) {
        int n = 0;
        for (String f : files()) {
            Path target = store.root().resolve(f);
            if (Files.exists(target)) {
                continue; // never overwrite what the store already has
            }
            try (InputStream in = BundledModels.class.getClassLoader().getResourceAsStream("models/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("bundled file missing: models/" + f);
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                n++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    /** Writes index.txt for a store directory that will be bundled as resources (used by Training). */
    public static void writeIndex(Path storeRoot) throws IOException {
        try (Stream<Path> s = Files.walk(storeRoot)) {
            List<String> files = s.filter(Files::isRegularFile)
                    .map(p -> storeRoot.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.split("/").length == 3 && !p.startsWith("index"))
                    .sorted().toList();
            Files.writeString(storeRoot.resolve("index.txt"), String.join("\n", files) + "\n", StandardCharsets.UTF_8);
        }
    }
}
