package io.vigil.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.serde.EventValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A folder for note files: {@code *.json} holding a note object, a list of them, or a FHIR DocumentReference /
 * Bundle. Each file is published to notes.raw and moved to {@code done/}, or moved to {@code failed/} with a
 * {@code <name>.error.txt} beside it (the message names the field, never the note's text). Files are picked up
 * in name order once they have not changed for one poll (so half-written files wait). Restartable: a file is
 * moved only after Kafka acknowledged, and a re-sent file carries the same ids.
 */
public final class NoteDropFolder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NoteDropFolder.class);

    private final Path folder;
    private final Duration interval;
    private final RawPublisher publisher;
    private final Pseudonymizer ids;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final java.util.Map<Path, Long> sizes = new java.util.HashMap<>();
    private ScheduledExecutorService scheduler;

    public NoteDropFolder(Path folder, Duration interval, RawPublisher publisher, Pseudonymizer ids, Clock clock) {
        this.folder = folder;
        this.interval = interval;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    public Path folder() {
        return folder;
    }

    public synchronized void start() throws IOException {
        Files.createDirectories(folder.resolve("done"));
        Files.createDirectories(folder.resolve("failed"));
        if (scheduler != null) return;
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("notes-drop").factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                scan(false);
            } catch (Exception e) {
                log.warn("notes drop folder scan failed: {}", e.getClass().getSimpleName());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass; {@code now} skips the "unchanged since the last poll" wait (tests). Returns files processed. */
    public synchronized int scan(boolean now) throws IOException {
        Files.createDirectories(folder.resolve("done"));
        Files.createDirectories(folder.resolve("failed"));
        List<Path> files;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.json")) {
            files = new java.util.ArrayList<>();
            ds.forEach(files::add);
        }
        files.sort(null);
        int done = 0;
        for (Path f : files) {
            long size = Files.size(f);
            Long before = sizes.put(f, size);
            if (!now && (before == null || before != size)) continue;
            sizes.remove(f);
            process(f);
            done++;
        }
        return done;
    }

    private void process(Path f) throws IOException {
        try {
            JsonNode body = mapper.readTree(Files.readString(f, StandardCharsets.UTF_8));
            if (body == null) throw new InputException("file is empty");
            List<ClinicalNote> notes = Inputs.notes(body, clock.instant(), ids);
            publisher.publishAll(Topics.NOTES_RAW, notes.stream().map(n -> new RawPublisher.Keyed<>(n.id(), n)).toList(), "drop");
            Files.move(f, folder.resolve("done").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (InputException | EventValidationException e) {
            fail(f, e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            fail(f, "not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (java.nio.charset.MalformedInputException e) {
            fail(f, "not valid UTF-8");
        }
    }

    private void fail(Path f, String why) throws IOException {
        Path failed = folder.resolve("failed");
        Files.move(f, failed.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(failed.resolve(f.getFileName() + ".error.txt"), why + "\n", StandardCharsets.UTF_8);
        log.warn("notes drop: {} moved to failed/", f.getFileName());
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
