package io.vigil.ingest.source;

import io.vigil.ingest.stream.Gazetteer;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.events.Event;
import io.vigil.topics.events.NewsArticle;
import io.vigil.topics.events.Sentiment;
import io.vigil.topics.events.Sex;
import io.vigil.topics.events.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays the bundled datasets into the raw topics as live streams, each at its own rate (events/s; 0 = off),
 * once through (ids are stable per row, so a second pass would only be deduped):
 * <ul>
 *   <li>news: {@code sentiment/tfns_train.csv}; eventTime = the moment it is sent (a live headline feed); tickers
 *       from the cashtags; the dataset label carried as {@code label} (0 negative, 1 positive, 2 neutral);</li>
 *   <li>transactions: {@code fraud/paysim_steps001-090.csv} and {@code fraud/sparkov_fraudTest_head5116.csv}
 *       (see {@link TransactionRows}), interleaved; eventTime the dataset's, or shifted so the last row is now (nothing in the future);</li>
 *   <li>notes: {@code clinical/synthetic_notes_mistral500.csv}; generated patient ids ({@code MRN} + 7 digits,
 *       ~150 patients so some have several notes), age/sex read from the "NN-year-old male" phrase when present.</li>
 * </ul>
 */
public final class DatasetReplay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatasetReplay.class);
    private static final Pattern AGE_SEX = Pattern.compile("(\\d{1,3})[- ]year[- ]old (male|female|man|woman|boy|girl)", Pattern.CASE_INSENSITIVE);

    /** Events per second per stream; 0 turns a stream off. */
    public record Rates(double newsPerSecond, double transactionsPerSecond, double notesPerSecond) {
    }

    /** Events sent so far. */
    public record Counts(long news, long transactions, long notes) {
    }

    private final Path dataDir;
    private final RawPublisher publisher;
    private final Rates rates;
    private final boolean shiftToNow;
    private final Clock clock;
    private final AtomicLong news = new AtomicLong();
    private final AtomicLong txns = new AtomicLong();
    private final AtomicLong notes = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    public DatasetReplay(Path dataDir, RawPublisher publisher, Rates rates, boolean shiftToNow, Clock clock) {
        this.dataDir = dataDir;
        this.publisher = publisher;
        this.rates = rates;
        this.shiftToNow = shiftToNow;
        this.clock = clock;
    }

    /** Starts one virtual thread per stream whose rate is above 0; returns at once. */
    public synchronized void start() {
        if (rates.newsPerSecond() > 0) threads.add(Thread.ofVirtual().name("replay-news").start(() -> run(() -> replayNews(Long.MAX_VALUE))));
        if (rates.transactionsPerSecond() > 0) threads.add(Thread.ofVirtual().name("replay-txn").start(() -> run(() -> replayTransactions(Long.MAX_VALUE))));
        if (rates.notesPerSecond() > 0) threads.add(Thread.ofVirtual().name("replay-notes").start(() -> run(() -> replayNotes(Long.MAX_VALUE))));
    }

    public Counts counts() {
        return new Counts(news.get(), txns.get(), notes.get());
    }

    private interface Job {
        long run() throws IOException, InterruptedException;
    }

    private void run(Job job) {
        try {
            job.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!stopped) log.warn("dataset replay stopped: {}", e.toString());
        }
    }

    /** Sends up to {@code limit} headlines at the news rate (unpaced when the rate is 0); returns how many. */
    public long replayNews(long limit) throws IOException, InterruptedException {
        Pacer pace = new Pacer(rates.newsPerSecond());
        try (Csv csv = new Csv(dataDir.resolve("sentiment/tfns_train.csv"))) {
            long n = 0;
            for (Map<String, String> r; n < limit && !stopped && (r = csv.next()) != null; ) {
                String text = r.get("text").strip();
                if (text.isEmpty()) continue;
                pace.await();
                NewsArticle a = new NewsArticle("tfns-" + csv.row(), clock.instant(), "replay:tfns", Event.CURRENT_VERSION,
                        text.length() > 2000 ? text.substring(0, 2000) : text, null, null, "en", Gazetteer.cashtags(text), sentiment(r.get("label")));
                publisher.send(Topics.NEWS_RAW, a.id(), a, "replay");
                news.incrementAndGet();
                n++;
            }
            publisher.flush();
            return n;
        }
    }

    static Sentiment sentiment(String label) {
        return switch (label == null ? "" : label.strip()) {
            case "0" -> Sentiment.NEGATIVE;
            case "1" -> Sentiment.POSITIVE;
            case "2" -> Sentiment.NEUTRAL;
            default -> null;
        };
    }

    /** PaySim and Sparkov rows interleaved one by one, at the transactions rate. */
    public long replayTransactions(long limit) throws IOException, InterruptedException {
        Pacer pace = new Pacer(rates.transactionsPerSecond());
        Path paysim = dataDir.resolve("fraud/paysim_steps001-090.csv");
        Path sparkov = dataDir.resolve("fraud/sparkov_fraudTest_head5116.csv");
        Duration paysimShift = shift(paysim, TransactionRows::paysimTime);
        Duration sparkovShift = shift(sparkov, TransactionRows::sparkovTime);
        try (Csv a = new Csv(paysim); Csv b = new Csv(sparkov)) {
            long n = 0;
            boolean aDone = false;
            boolean bDone = false;
            while (n < limit && !stopped && !(aDone && bDone)) {
                for (int side = 0; side < 2 && n < limit; side++) {
                    Csv c = side == 0 ? a : b;
                    if (side == 0 ? aDone : bDone) continue;
                    Map<String, String> r = c.next();
                    if (r == null) {
                        if (side == 0) aDone = true;
                        else bDone = true;
                        continue;
                    }
                    Transaction t = side == 0
                            ? TransactionRows.paysim(r, paysim.getFileName().toString(), c.row(), paysimShift)
                            : TransactionRows.sparkov(r, sparkov.getFileName().toString(), c.row(), sparkovShift);
                    pace.await();
                    publisher.send(Topics.TRANSACTIONS_RAW, t.accountId(), t, "replay");
                    txns.incrementAndGet();
                    n++;
                }
            }
            publisher.flush();
            return n;
        }
    }

    /**
     * Moves the dataset so its LAST row happens now: rows keep their real spacing (the per-account 1 h / 24 h
     * features depend on it) and no event time lies in the future, however fast the replay runs.
     */
    private Duration shift(Path file, Function<Map<String, String>, Instant> time) throws IOException {
        if (!shiftToNow) return Duration.ZERO;
        Instant last = null;
        try (Csv c = new Csv(file)) {
            for (Map<String, String> r = c.next(); r != null; r = c.next()) {
                Instant t = time.apply(r);
                if (last == null || t.isAfter(last)) last = t;
            }
        }
        return last == null ? Duration.ZERO : Duration.between(last, clock.instant());
    }

    /** Clinical notes at the notes rate, with generated patient ids and metadata. */
    public long replayNotes(long limit) throws IOException, InterruptedException {
        Pacer pace = new Pacer(rates.notesPerSecond());
        try (Csv csv = new Csv(dataDir.resolve("clinical/synthetic_notes_mistral500.csv"))) {
            long n = 0;
            for (Map<String, String> r; n < limit && !stopped && (r = csv.next()) != null; ) {
                String text = r.get("text");
                if (text == null || text.isBlank()) continue;
                String synth = r.getOrDefault("synth_id", String.valueOf(csv.row())).strip();
                pace.await();
                ClinicalNote note = note(synth, text, r.get("specialty"), clock.instant());
                publisher.send(Topics.NOTES_RAW, note.id(), note, "replay");
                notes.incrementAndGet();
                n++;
            }
            publisher.flush();
            return n;
        }
    }

    /** A clinical note from one row of the synthetic dataset, with generated patient id and metadata. */
    public static ClinicalNote note(String synthId, String text, String specialty, Instant at) {
        int h = Math.floorMod(synthId.hashCode() * 31 + 7, 150);
        String patient = "MRN" + (4_100_000 + h * 37);
        Integer age = null;
        Sex sex = null;
        Matcher m = AGE_SEX.matcher(text);
        if (m.find()) {
            int a = Integer.parseInt(m.group(1));
            age = a <= 150 ? a : null;
            String s = m.group(2).toLowerCase(java.util.Locale.ROOT);
            sex = s.equals("male") || s.equals("man") || s.equals("boy") ? Sex.MALE : Sex.FEMALE;
        }
        return new ClinicalNote("synth-note-" + synthId.replaceAll("\\s+", "_"), at, "replay:synthetic-notes", Event.CURRENT_VERSION,
                patient, text, specialty == null || specialty.isBlank() ? null : specialty.strip(), "clinical note",
                "ENC" + Math.floorMod(synthId.hashCode(), 1_000_000), age, sex);
    }

    public boolean dataPresent() {
        return Files.isDirectory(dataDir.resolve("sentiment")) && Files.isDirectory(dataDir.resolve("fraud"))
                && Files.isDirectory(dataDir.resolve("clinical"));
    }

    @Override
    public synchronized void close() {
        stopped = true;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    /** Spaces events evenly at {@code rate}/s from the first call; 0 or less = no pause. */
    static final class Pacer {
        private final double rate;
        private long start = -1;
        private long sent;

        Pacer(double rate) {
            this.rate = rate;
        }

        void await() throws InterruptedException {
            if (rate <= 0) return;
            long now = System.nanoTime();
            if (start < 0) start = now;
            long due = start + (long) (sent++ * 1e9 / rate);
            long wait = due - now;
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
