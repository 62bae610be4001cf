package io.vigil.ingest.deid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The tuning views of the name rules, built from the presidio DEV split only (even template ids) plus generated
 * sentences, the clinical gold set and the unannotated synthetic notes. It never loads the held-out split.
 *
 * <p>Not a test: a main for the engineer tuning the rules. Arguments: a file of out-of-gazetteer names (one per
 * line, optionally gzipped, e.g. Debian miscfiles' {@code /usr/share/dict/propernames.gz}: used locally, not
 * bundled), an optional output folder for span dumps and miss listings ({@code -} for none), and optional
 * {@code misses} to print dev-view misses and false positives with their text (dev only).
 *
 * <p>Views: dev as is; dev lower-cased; dev with every gold name word swapped for an out-of-gazetteer name
 * (kept in the original case / whole text lower-cased / only the names lower-cased); generated sentences with
 * such names (caseless, and cased text with lower-case names); the annotated clinical notes; the synthetic notes
 * not in the annotated sample (NAME spans counted and dumped, to diff between versions).
 */
public final class DeidDevViews {

    private DeidDevViews() {
    }

    public static void main(String[] args) throws IOException {
        Path root = DeidEvaluation.repoRoot();
        List<String> names = outOfGazetteer(readLines(Path.of(args[0])));
        Path outDir = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
        boolean printMisses = args.length > 2 && args[2].equals("misses");
        Deidentifier d = Deidentifier.create();
        List<DeidEvaluation.Doc> dev = DeidEvaluation.loadPresidio(root.resolve(DeidEvaluation.PRESIDIO), false);
        Map<String, List<DeidEvaluation.Doc>> views = new LinkedHashMap<>();
        views.put("dev", dev);
        views.put("dev lower-cased", DeidEvaluation.lowerCased(dev));
        List<DeidEvaluation.Doc> swapped = swapNames(dev, names, false);
        views.put("dev swapped, cased", swapped);
        views.put("dev swapped, lower-cased", DeidEvaluation.lowerCased(swapped));
        views.put("dev swapped, names lower-cased in cased text", swapNames(dev, names, true));
        views.put("dev swapped for names that are English words, cased", swapNames(dev, wordNames(), false));
        views.put("dev swapped for given names + English-word surnames, cased", swapNames(dev, mixedNames(), false));
        views.put("generated, caseless", generated(names, true));
        views.put("generated, cased, lower-case names", generated(names, false));
        views.put("generated, cased, capitalised names", generatedCapitalised(names));
        views.put("clinical gold", DeidEvaluation.loadMarkup(root.resolve(DeidEvaluation.CLINICAL_GOLD), null));
        System.out.println("| view | NAME gold | recall | recall (any) | predicted | precision | all precision |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (var e : views.entrySet()) {
            DeidEvaluation.Report r = DeidEvaluation.evaluate(e.getValue(), d);
            DeidEvaluation.Stats s = r.stats(PhiType.NAME);
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f (%d) | %.3f | %d | %.3f | %.3f |%n", e.getKey(), s.gold,
                    s.recall(), s.foundTyped, s.recallAny(), s.predicted, s.precision(), r.all.precision());
            if (printMisses || outDir != null) {
                StringBuilder sb = new StringBuilder();
                for (DeidEvaluation.Miss m : r.misses) {
                    if (m.label().equals("NAME")) {
                        String t = e.getValue().get(m.doc()).text();
                        sb.append("MISS ").append(t, m.start(), m.end()).append("  |  ")
                                .append(context(t, m.start(), m.end())).append('\n');
                    }
                }
                for (DeidEvaluation.Miss m : r.falsePositives) {
                    String t = e.getValue().get(m.doc()).text();
                    sb.append("FP ").append(m.label()).append(' ').append(t, m.start(), m.end()).append("  |  ")
                            .append(context(t, m.start(), m.end())).append('\n');
                }
                if (printMisses) {
                    System.out.println(sb);
                }
                if (outDir != null) {
                    Files.createDirectories(outDir);
                    Files.writeString(outDir.resolve(e.getKey().replaceAll("[^a-z]+", "_") + ".txt"), sb);
                }
            }
        }
        // the synthetic notes not in the annotated sample: false positives (no gold; every NAME is suspect)
        Set<String> annotated = new TreeSet<>();
        for (DeidEvaluation.Doc doc : DeidEvaluation.loadMarkup(root.resolve(DeidEvaluation.CLINICAL_GOLD), "synthetic")) {
            annotated.add(doc.id());
        }
        Map<String, String> notes = SyntheticNotes.byId(root);
        StringBuilder dump = new StringBuilder();
        int nNotes = 0;
        int spans = 0;
        int nameSpans = 0;
        for (var e : new java.util.TreeMap<>(notes).entrySet()) {
            if (annotated.contains(e.getKey())) {
                continue;
            }
            nNotes++;
            String t = e.getValue();
            for (Span s : d.detect(t)) {
                spans++;
                nameSpans += s.type() == PhiType.NAME ? 1 : 0;
                dump.append(e.getKey()).append('\t').append(s.type()).append('\t').append(s.start()).append('\t')
                        .append(t, s.start(), s.end()).append('\n');
            }
        }
        System.out.printf(Locale.ROOT, "synthetic notes not annotated: %d notes, %d spans, %d NAME%n", nNotes, spans, nameSpans);
        if (outDir != null) {
            Files.writeString(outDir.resolve("synthetic_spans.tsv"), dump);
        }
    }

    private static String context(String t, int s, int e) {
        return t.substring(Math.max(0, s - 60), Math.min(t.length(), e + 60)).replace('\n', ' ');
    }

    // ---------------------------------------------------------------- names

    static List<String> readLines(Path p) throws IOException {
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        }
    }

    /** Names that neither the gazetteers, the given-name list nor the English words know. */
    static List<String> outOfGazetteer(List<String> raw) {
        Lexicon lex = Lexicon.defaults();
        List<String> out = new ArrayList<>();
        for (String n : raw) {
            String l = n.toLowerCase(Locale.ROOT);
            if (l.length() < 3 || !l.chars().allMatch(Character::isLetter) || lex.gazetteerGiven.contains(l)
                    || lex.gazetteerSurnames.contains(l) || lex.givenNames.contains(l) || lex.englishWords.contains(l)) {
                continue;
            }
            out.add(Character.toUpperCase(l.charAt(0)) + l.substring(1));
        }
        return out;
    }

    /** Gazetteer surnames of 4+ letters that are also English words ("Baker", "Wells", "Young"): the hard case. */
    static List<String> wordNames() {
        Lexicon lex = Lexicon.defaults();
        return lex.gazetteerSurnames.stream().filter(n -> n.length() >= 4 && lex.englishWords.contains(n)
                && n.chars().allMatch(Character::isLetter)).sorted()
                .map(n -> Character.toUpperCase(n.charAt(0)) + n.substring(1)).toList();
    }

    /** Half gazetteer given names, half English-word surnames, interleaved ("Maria Bunt"). */
    static List<String> mixedNames() {
        Lexicon lex = Lexicon.defaults();
        List<String> given = lex.gazetteerGiven.stream().filter(n -> n.length() >= 3 && !lex.englishWords.contains(n)
                && n.chars().allMatch(Character::isLetter)).sorted()
                .map(n -> Character.toUpperCase(n.charAt(0)) + n.substring(1)).toList();
        List<String> words = wordNames();
        List<String> out = new ArrayList<>();
        Random rnd = new Random(3);
        for (int i = 0; i < 2000; i++) {
            out.add(i % 2 == 0 ? given.get(rnd.nextInt(given.size())) : words.get(rnd.nextInt(words.size())));
        }
        return out;
    }

    private static String caseLike(String name, String original, boolean lowerNames) {
        if (lowerNames || Character.isLowerCase(original.charAt(0))) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    /**
     * Every word of two letters or more inside a gold NAME span is replaced (consistently within a text) by an
     * out-of-gazetteer name; initials and particles stay. Gold offsets follow.
     */
    static List<DeidEvaluation.Doc> swapNames(List<DeidEvaluation.Doc> docs, List<String> names, boolean lowerNames) {
        Random rnd = new Random(42);
        List<DeidEvaluation.Doc> out = new ArrayList<>();
        for (DeidEvaluation.Doc doc : docs) {
            String text = doc.text();
            Map<String, String> mapping = new HashMap<>();
            // edits: replace [s,e) with r, for every name word of every NAME span
            List<int[]> edits = new ArrayList<>();
            List<String> repl = new ArrayList<>();
            for (DeidEvaluation.GoldSpan g : doc.gold()) {
                if (!g.label().equals("NAME")) {
                    continue;
                }
                var m = java.util.regex.Pattern.compile("\\p{L}[\\p{L}\\p{M}]+").matcher(text);
                m.region(g.start(), g.end());
                while (m.find()) {
                    String w = m.group();
                    String key = w.toLowerCase(Locale.ROOT);
                    if (Set.of("van", "von", "de", "da", "del", "di", "du", "le", "la", "mr", "mrs", "ms", "dr").contains(key)) {
                        continue;
                    }
                    String r = mapping.computeIfAbsent(key, k -> names.get(rnd.nextInt(names.size())));
                    int[] ed = {m.start(), m.end()};
                    if (edits.stream().noneMatch(x -> x[0] == ed[0])) {
                        edits.add(ed);
                        repl.add(caseLike(r, w, lowerNames));
                    }
                }
            }
            // apply from the start, tracking the shift
            Integer[] order = new Integer[edits.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Integer.compare(edits.get(a)[0], edits.get(b)[0]));
            StringBuilder sb = new StringBuilder();
            int[] shiftAt = new int[text.length() + 1];
            int pos = 0;
            int shift = 0;
            for (int oi : order) {
                int[] ed = edits.get(oi);
                for (int i = pos; i < ed[0]; i++) {
                    shiftAt[i] = shift;
                }
                sb.append(text, pos, ed[0]).append(repl.get(oi));
                for (int i = ed[0]; i < ed[1]; i++) {
                    shiftAt[i] = shift;
                }
                shift += repl.get(oi).length() - (ed[1] - ed[0]);
                pos = ed[1];
            }
            for (int i = pos; i <= text.length(); i++) {
                shiftAt[i] = shift;
            }
            sb.append(text.substring(pos));
            List<DeidEvaluation.GoldSpan> gold = new ArrayList<>();
            for (DeidEvaluation.GoldSpan g : doc.gold()) {
                // an end inside a replaced word: map through the start of the next char
                int ns = g.start() + shiftAt[g.start()];
                int ne = g.end() + shiftAt[g.end()];
                for (int oi : order) {
                    int[] ed = edits.get(oi);
                    if (g.end() == ed[1]) {
                        ne = ed[0] + shiftAt[ed[0]] + repl.get(oi).length();
                    }
                }
                gold.add(new DeidEvaluation.GoldSpan(g.label(), ns, Math.max(ns + 1, ne)));
            }
            out.add(new DeidEvaluation.Doc(doc.id(), sb.toString(), gold));
        }
        return out;
    }

    // ---------------------------------------------------------------- generated sentences

    /** {N} is a one-word name, {F} {L} first and last name. Written for Vigil (general and clinical contexts). */
    static final List<String> TEMPLATES = List.of(
            "Patient seen today with {F} {L} for a follow-up visit.",
            "I spoke with {N} about the results yesterday.",
            "Discussed the plan with the patient's daughter {F} at the bedside.",
            "Please call {F} {L} if the wound looks worse.",
            "The report was reviewed by {F} {L} on the ward.",
            "Mother {N} reports the child has had a fever since Monday.",
            "Can you forward this to {N}? Thanks.",
            "Yesterday {N} went to the pharmacy to pick up the refill.",
            "Message left for {F} {L} regarding the lab results.",
            "Transport arranged; {F} will drive her home after discharge.",
            "Her neighbour {F} {L} found her on the floor this morning.",
            "We met {F} {L} at the conference last year.",
            "Consent obtained from {F} {L}, the health care proxy.",
            "Per {N}, the patient has not eaten since Tuesday.",
            "The family asked that {F} {L} be listed as the emergency contact.",
            "Covering nurse {F} noted a rash on the left arm.",
            "Spoke to {F} {L} at the nursing home about the medication list.",
            "He lives with his partner {N} and two dogs.",
            "Handed over to {F} {L} at 7 pm.",
            "{F} {L} called to reschedule the appointment.",
            "Thanks to {N} for the quick turnaround on the imaging.",
            "The scan was read by {F} {L} and showed no acute findings.",
            "Letter copied to {F} {L} and to the referring clinic.",
            "Pt's son {F} {L} is aware of the diagnosis.");

    static List<DeidEvaluation.Doc> generated(List<String> names, boolean caseless) {
        return generate(names, caseless ? 0 : 1);
    }

    static List<DeidEvaluation.Doc> generatedCapitalised(List<String> names) {
        return generate(names, 2);
    }

    /** mode 0: whole text lower-cased; 1: cased text, lower-case names; 2: cased text, capitalised names. */
    private static List<DeidEvaluation.Doc> generate(List<String> names, int mode) {
        Random rnd = new Random(7);
        List<DeidEvaluation.Doc> out = new ArrayList<>();
        int k = 0;
        for (int rep = 0; rep < 6; rep++) {
            for (String tpl : TEMPLATES) {
                StringBuilder sb = new StringBuilder();
                List<DeidEvaluation.GoldSpan> gold = new ArrayList<>();
                int i = 0;
                while (i < tpl.length()) {
                    if (tpl.charAt(i) == '{') {
                        int close = tpl.indexOf('}', i);
                        String slot = tpl.substring(i + 1, close);
                        String name = names.get(rnd.nextInt(names.size()));
                        if (mode != 2) {
                            name = name.toLowerCase(Locale.ROOT);
                        }
                        int s = sb.length();
                        sb.append(name);
                        // "{F} {L}": one gold span for the pair
                        if (slot.equals("L") && !gold.isEmpty() && gold.get(gold.size() - 1).end() == s - 1) {
                            DeidEvaluation.GoldSpan prev = gold.remove(gold.size() - 1);
                            gold.add(new DeidEvaluation.GoldSpan("NAME", prev.start(), sb.length()));
                        } else {
                            gold.add(new DeidEvaluation.GoldSpan("NAME", s, sb.length()));
                        }
                        i = close + 1;
                    } else {
                        sb.append(tpl.charAt(i++));
                    }
                }
                String text = mode == 0 ? sb.toString().toLowerCase(Locale.ROOT) : sb.toString();
                out.add(new DeidEvaluation.Doc("gen-" + k++, text, gold));
            }
        }
        return out;
    }
}
