package io.vigil.ingest.deid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every span the de-identifier finds, one JSON line each, over the 500 synthetic notes, the presidio DEV split
 * (as is and lower-cased), the annotated clinical notes and optionally the tuning views of {@link DeidDevViews}: a byte-for-byte diff of two runs shows whether a change
 * to the rules moved any span. Never loads the held-out split.
 *
 * <p>Not a test: a main, run before and after a refactor. Arguments: the output file ({@code -} for stdout) and,
 * optionally, the file of out-of-gazetteer names of {@link DeidDevViews}, to add its name-swapped and generated
 * views.
 */
public final class DeidSpanDump {

    private DeidSpanDump() {
    }

    public static void main(String[] args) throws IOException {
        Path root = DeidEvaluation.repoRoot();
        Deidentifier d = Deidentifier.create();
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        sets.put("synthetic", new TreeMap<>(SyntheticNotes.byId(root)));
        List<DeidEvaluation.Doc> dev = DeidEvaluation.loadPresidio(root.resolve(DeidEvaluation.PRESIDIO), false);
        sets.put("dev", texts(dev));
        sets.put("dev-lower", texts(DeidEvaluation.lowerCased(dev)));
        sets.put("clinical-gold", texts(DeidEvaluation.loadMarkup(root.resolve(DeidEvaluation.CLINICAL_GOLD), null)));
        if (args.length > 1) {
            // the name-swapped and generated tuning views of DeidDevViews, from the same list of names
            List<String> names = DeidDevViews.outOfGazetteer(DeidDevViews.readLines(Path.of(args[1])));
            List<DeidEvaluation.Doc> swapped = DeidDevViews.swapNames(dev, names, false);
            sets.put("dev-swapped", texts(swapped));
            sets.put("dev-swapped-lower", texts(DeidEvaluation.lowerCased(swapped)));
            sets.put("dev-swapped-lower-names", texts(DeidDevViews.swapNames(dev, names, true)));
            sets.put("dev-swapped-word-names", texts(DeidDevViews.swapNames(dev, DeidDevViews.wordNames(), false)));
            sets.put("dev-swapped-mixed-names", texts(DeidDevViews.swapNames(dev, DeidDevViews.mixedNames(), false)));
            sets.put("generated-caseless", texts(DeidDevViews.generated(names, true)));
            sets.put("generated-cased-lower-names", texts(DeidDevViews.generated(names, false)));
            sets.put("generated-cased-capitalised", texts(DeidDevViews.generatedCapitalised(names)));
        }
        StringBuilder sb = new StringBuilder();
        for (var set : sets.entrySet()) {
            for (var doc : set.getValue().entrySet()) {
                String t = doc.getValue();
                for (Span s : d.detect(t)) {
                    sb.append("{\"set\":\"").append(set.getKey()).append("\",\"doc\":\"").append(json(doc.getKey()))
                            .append("\",\"type\":\"").append(s.type()).append("\",\"start\":").append(s.start())
                            .append(",\"end\":").append(s.end()).append(",\"text\":\"")
                            .append(json(t.substring(s.start(), s.end()))).append("\"}\n");
                }
            }
        }
        if (args.length == 0 || args[0].equals("-")) {
            System.out.print(sb);
        } else {
            Files.writeString(Path.of(args[0]), sb, StandardCharsets.UTF_8);
        }
    }

    /** Documents keyed by position and id, in their loaded order (ids may repeat across sources). */
    private static Map<String, String> texts(List<DeidEvaluation.Doc> docs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            out.put(i + ":" + docs.get(i).id(), docs.get(i).text());
        }
        return out;
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
