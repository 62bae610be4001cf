package io.vigil.feedback.tuning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A holdout frozen on first use: {@code <stateDir>/holdout/<model>.tsv}, "label TAB input" lines under a
 * header that names what the inputs are (e.g. the feature spec). Read back afterwards even if the data folder
 * changes; rebuilt (with a warning from the caller) only when the header no longer matches the model's inputs.
 */
final class FrozenHoldout {

    private FrozenHoldout() {}

    static <I> LabelledSet<I> load(Path file, String header, List<String> labels, Function<I, String> write,
                                   Function<String, I> read, Supplier<LabelledSet<I>> build) {
        try {
            if (Files.isRegularFile(file)) {
                try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    if (header.equals(r.readLine())) {
                        List<I> in = new ArrayList<>();
                        List<Integer> l = new ArrayList<>();
                        for (String line; (line = r.readLine()) != null; ) {
                            int tab = line.indexOf('\t');
                            if (tab < 0) continue;
                            l.add(labels.indexOf(line.substring(0, tab)));
                            in.add(read.apply(unescape(line.substring(tab + 1))));
                        }
                        return LabelledSet.of(in, l);
                    }
                }
            }
            LabelledSet<I> s = build.get();
            Files.createDirectories(file.getParent());
            StringBuilder sb = new StringBuilder(header).append('\n');
            for (int i = 0; i < s.size(); i++) {
                sb.append(labels.get(s.labels()[i])).append('\t')
                        .append(escape(write.apply(s.inputs().get(i)))).append('\n');
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the frozen holdout " + file, e);
        }
    }

    /** Backslash escapes for backslash, tab, newline and CR, so a note's line breaks survive the file. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> n;
            });
        }
        return b.toString();
    }
}
