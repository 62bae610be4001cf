package io.vigil.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model inputs of corrected events, kept as long as the corrections. Corrections live forever on
 * {@code feedback.corrections} (retention -1), but the text or features they correct come from
 * {@code review.items}, which expires after 30 days; without this archive a correction older than that would
 * silently stop being training data. One JSON line per corrected event, appended when its first correction
 * meets its review item ({@code <data-dir>/state/feedback/examples.jsonl}; de-identified text only, as on the
 * topics). Read whole at start; the last line of an event wins.
 */
public final class ExampleArchive {

    private static final Logger log = LoggerFactory.getLogger(ExampleArchive.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an analyst corrected: the event's model input. */
    public record Input(String eventId, String model, String text, Map<String, Double> features) {}

    private final Path file;
    private final Map<String, Input> byEvent = new LinkedHashMap<>();

    public ExampleArchive(Path file) {
        this.file = file;
        if (!Files.isRegularFile(file)) return;
        int bad = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                try {
                    Input in = JSON.readValue(line, Input.class);
                    byEvent.put(in.eventId(), in);
                } catch (IOException e) {
                    bad++; // a line torn by a crash mid-append: the next correction of that event writes it again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example archive " + file, e);
        }
        log.info("Example archive {}: {} corrected events{}", file, byEvent.size(), bad > 0 ? " (" + bad + " unreadable lines skipped)" : "");
    }

    public synchronized Optional<Input> get(String eventId) {
        return Optional.ofNullable(byEvent.get(eventId));
    }

    public synchronized int size() {
        return byEvent.size();
    }

    /** Keeps an event's input (once per event; a no-op when it is already kept with the same content). */
    public synchronized void keep(Input in) {
        if (in.equals(byEvent.get(in.eventId()))) return;
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(in) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
            byEvent.put(in.eventId(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the example archive " + file, e);
        }
    }
}
