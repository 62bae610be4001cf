package io.vigil.ingest.deid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures the {@link Deidentifier} against gold spans.
 *
 * <p><b>Recall</b> of type T: a gold span of T is found when some predicted span of a compatible type overlaps
 * it by at least one character (compatible = same type; ADDRESS and ZIP are compatible with each other).
 * "Recall (any type)" counts a gold span as found when any predicted span overlaps it: the privacy view,
 * since the text is gone whatever the placeholder says.
 *
 * <p><b>Precision</b> of predicted type T: a predicted span is correct when it overlaps a gold span of ANY
 * annotated PII type, including types we deliberately do not redact (organisation, place, title, NRP,
 * ages up to 89): redacting an organisation is not a privacy error.
 *
 * <p>Presidio data are split by template: templates with an odd {@code template_id} are the held-out test
 * split (not looked at while tuning the rules), even ones the dev split.
 */
public final class DeidEvaluation {

    /** A gold span: {@code label} is a PhiType name or, for presidio, the original entity type. */
    public record GoldSpan(String label, int start, int end) {
    }

    /** A text with its gold spans (UTF-16 offsets). */
    public record Doc(String id, String text, List<GoldSpan> gold) {
    }

    /** Counts for one of our types. */
    public static final class Stats {
        public int gold;
        public int foundTyped;
        public int foundAny;
        public int predicted;
        public int predictedCorrect;

        public double recall() {
            return gold == 0 ? Double.NaN : (double) foundTyped / gold;
        }

        public double recallAny() {
            return gold == 0 ? Double.NaN : (double) foundAny / gold;
        }

        public double precision() {
            return predicted == 0 ? Double.NaN : (double) predictedCorrect / predicted;
        }
    }

    /** A missed gold span or a false-positive prediction, by document index (no text). */
    public record Miss(int doc, String label, int start, int end) {
    }

    /** Results over a set of documents. */
    public static final class Report {
        public final Map<PhiType, Stats> byType = new EnumMap<>(PhiType.class);
        public final Stats all = new Stats();
        /** Out-of-scope labels: [gold count, overlapped by some prediction]. */
        public final Map<String, int[]> outOfScope = new TreeMap<>();
        public final List<Miss> misses = new ArrayList<>();
        public final List<Miss> falsePositives = new ArrayList<>();
        public int docs;

        public Stats stats(PhiType t) {
            return byType.computeIfAbsent(t, k -> new Stats());
        }
    }

    private DeidEvaluation() {
    }

    // ---------------------------------------------------------------- label mapping

    /** Our type for a presidio entity (null: out of scope); AGE is in scope only above 89. */
    static PhiType mapPresidio(String entityType, String value) {
        return switch (entityType) {
            case "PERSON" -> PhiType.NAME;
            case "STREET_ADDRESS" -> PhiType.ADDRESS;
            case "ZIP_CODE" -> PhiType.ZIP;
            case "DATE_TIME" -> PhiType.DATE;
            case "PHONE_NUMBER" -> PhiType.PHONE;
            case "EMAIL_ADDRESS" -> PhiType.EMAIL;
            case "CREDIT_CARD", "US_SSN", "IBAN_CODE", "US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER",
                 "MEDICAL_LICENSE" -> PhiType.ID;
            case "IP_ADDRESS" -> PhiType.IP;
            case "DOMAIN_NAME", "URL" -> PhiType.URL;
            case "AGE" -> ageOver89(value) ? PhiType.AGE : null;
            default -> null;
        };
    }

    private static boolean ageOver89(String v) {
        try {
            return Integer.parseInt(v.strip()) > 89;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String outLabel(String entityType) {
        return entityType.equals("AGE") ? "AGE<=89" : entityType;
    }

    static Set<PhiType> compatible(PhiType gold) {
        return switch (gold) {
            case ADDRESS, ZIP -> EnumSet.of(PhiType.ADDRESS, PhiType.ZIP);
            default -> EnumSet.of(gold);
        };
    }

    // ---------------------------------------------------------------- loading

    /** Presidio-format JSON; {@code heldOut} true gives the test split (odd template ids), false the dev split. */
    public static List<Doc> loadPresidio(Path json, boolean heldOut) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<Doc> docs = new ArrayList<>();
        int i = 0;
        for (JsonNode r : root) {
            int template = r.path("template_id").asInt();
            boolean test = template % 2 != 0;
            i++;
            if (test != heldOut) {
                continue;
            }
            String text = r.path("full_text").asText();
            List<GoldSpan> gold = new ArrayList<>();
            for (JsonNode s : r.path("spans")) {
                // presidio offsets count code points; convert to UTF-16 indices
                int cs = text.offsetByCodePoints(0, s.path("start_position").asInt());
                int ce = text.offsetByCodePoints(0, s.path("end_position").asInt());
                String type = s.path("entity_type").asText();
                String value = text.substring(cs, ce);
                PhiType ours = mapPresidio(type, value);
                gold.add(new GoldSpan(ours != null ? ours.name() : outLabel(type), cs, ce));
            }
            docs.add(new Doc("presidio-" + i, text, gold));
        }
        return docs;
    }

    /**
     * The same documents in lower case (gold offsets kept; a text whose length lower-casing would change is kept
     * as it is): the tuning view of "names with no capital letter to give them away".
     */
    public static List<Doc> lowerCased(List<Doc> docs) {
        List<Doc> out = new ArrayList<>();
        for (Doc d : docs) {
            String low = d.text().toLowerCase(Locale.ROOT);
            out.add(new Doc(d.id(), low.length() == d.text().length() ? low : d.text(), d.gold()));
        }
        return out;
    }

    /** A JSON array of {@code {"id":..., "source":..., "markup":...}} annotated with {@link GoldMarkup}. */
    public static List<Doc> loadMarkup(Path json, String sourcePrefix) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<Doc> docs = new ArrayList<>();
        for (JsonNode r : root) {
            if (sourcePrefix != null && !r.path("source").asText().startsWith(sourcePrefix)) {
                continue;
            }
            GoldMarkup.Parsed p = GoldMarkup.parse(r.path("markup").asText());
            docs.add(new Doc(r.path("id").asText(), p.text(), p.spans()));
        }
        return docs;
    }

    // ---------------------------------------------------------------- scoring

    public static Report evaluate(List<Doc> docs, Deidentifier d) {
        Report rep = new Report();
        for (int di = 0; di < docs.size(); di++) {
            Doc doc = docs.get(di);
            rep.docs++;
            List<Span> pred = d.detect(doc.text());
            for (GoldSpan g : doc.gold()) {
                PhiType t = parseType(g.label());
                boolean any = pred.stream().anyMatch(p -> p.overlaps(g.start(), g.end()));
                if (t == null) {
                    int[] c = rep.outOfScope.computeIfAbsent(g.label(), k -> new int[2]);
                    c[0]++;
                    c[1] += any ? 1 : 0;
                    continue;
                }
                Set<PhiType> ok = compatible(t);
                boolean typed = pred.stream().anyMatch(p -> ok.contains(p.type()) && p.overlaps(g.start(), g.end()));
                for (Stats s : List.of(rep.stats(t), rep.all)) {
                    s.gold++;
                    s.foundTyped += typed ? 1 : 0;
                    s.foundAny += any ? 1 : 0;
                }
                if (!typed) {
                    rep.misses.add(new Miss(di, g.label(), g.start(), g.end()));
                }
            }
            for (Span p : pred) {
                boolean correct = doc.gold().stream().anyMatch(g -> p.overlaps(g.start(), g.end()));
                for (Stats s : List.of(rep.stats(p.type()), rep.all)) {
                    s.predicted++;
                    s.predictedCorrect += correct ? 1 : 0;
                }
                if (!correct) {
                    rep.falsePositives.add(new Miss(di, p.type().name(), p.start(), p.end()));
                }
            }
        }
        return rep;
    }

    private static PhiType parseType(String label) {
        try {
            return PhiType.valueOf(label);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- output

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A markdown table of one report. */
    public static String markdown(String title, Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append("**").append(title).append("** (").append(r.docs).append(" texts)\n\n");
        sb.append("| type | gold | recall | recall (any type) | predicted | precision |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (PhiType t : PhiType.values()) {
            Stats s = r.byType.get(t);
            if (s == null || (s.gold == 0 && s.predicted == 0)) {
                continue;
            }
            row(sb, t.name(), s);
        }
        row(sb, "**all**", r.all);
        if (!r.outOfScope.isEmpty()) {
            sb.append("\nOut of scope (not redacted by design; share that happened to be covered): ");
            List<String> parts = new ArrayList<>();
            r.outOfScope.forEach((k, v) -> parts.add(k + " " + v[1] + "/" + v[0]));
            sb.append(String.join(", ", parts)).append('\n');
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Stats s) {
        sb.append("| ").append(name).append(" | ").append(s.gold).append(" | ").append(fmt(s.recall()))
                .append(" | ").append(fmt(s.recallAny())).append(" | ").append(s.predicted).append(" | ")
                .append(fmt(s.precision())).append(" |\n");
    }

    /** Finds the repository root (the folder holding data/pii) from the working directory upwards. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("data/pii"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find data/pii above the working directory");
    }

    static final String PRESIDIO = "data/pii/presidio_synth_dev.json";
    static final String CLINICAL_GOLD = "services/ingest/src/test/resources/deid/clinical_gold.json";

    /** Prints the tables for every dataset. Arguments: optional repository root. */
    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : repoRoot();
        Deidentifier d = Deidentifier.create();
        PrintStream out = System.out;
        out.println(markdown("presidio synth, dev split (even template ids)",
                evaluate(loadPresidio(root.resolve(PRESIDIO), false), d)));
        out.println(markdown("presidio synth, dev split lower-cased (tuning view)",
                evaluate(lowerCased(loadPresidio(root.resolve(PRESIDIO), false)), d)));
        out.println(markdown("presidio synth, held-out test split (odd template ids)",
                evaluate(loadPresidio(root.resolve(PRESIDIO), true), d)));
        Path gold = root.resolve(CLINICAL_GOLD);
        out.println(markdown("clinical: annotated synthetic notes (Mistral-500 sample)",
                evaluate(loadMarkup(gold, "synthetic_notes_mistral500"), d)));
        out.println(markdown("clinical: hand-written note snippets",
                evaluate(loadMarkup(gold, "handwritten"), d)));
        out.println(markdown("clinical: all annotated notes",
                evaluate(loadMarkup(gold, null), d)));
        long t0 = System.nanoTime();
        List<Doc> all = loadMarkup(gold, null);
        long chars = 0;
        for (int rep = 0; rep < 5; rep++) {
            for (Doc doc : all) {
                d.detect(doc.text());
                chars += doc.text().length();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "Throughput (single thread, incl. warm-up): %.0f KB/s%n", chars / 1024.0 / secs);
        // warm, and in this thread's CPU time: on a shared machine the wall clock also counts other people's work
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long warmChars = 0;
        for (int rep = 0; rep < 20; rep++) {
            for (Doc doc : all) {
                d.detect(doc.text());
                warmChars += doc.text().length();
            }
        }
        double cpuSecs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        out.printf(Locale.ROOT, "Throughput (single thread, warm, CPU time): %.0f KB/s%n", warmChars / 1024.0 / cpuSecs);
    }
}
