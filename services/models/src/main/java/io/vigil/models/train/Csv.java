package io.vigil.models.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes). */
public final class Csv {

    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<List<String>> rows;

    private Csv(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
    }

    public static Csv read(Path file) throws IOException {
        List<List<String>> all = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> row = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            int c;
            boolean any = false;
            while ((c = r.read()) != -1) {
                any = true;
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        r.mark(1);
                        int nx = r.read();
                        if (nx == '"') {
                            f.append('"');
                        } else {
                            quoted = false;
                            if (nx != -1) {
                                r.reset();
                            }
                        }
                    } else {
                        f.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    row.add(f.toString());
                    f.setLength(0);
                } else if (ch == '\n') {
                    row.add(f.toString());
                    f.setLength(0);
                    all.add(row);
                    row = new ArrayList<>();
                    any = false;
                } else if (ch != '\r') {
                    f.append(ch);
                }
            }
            if (any) {
                row.add(f.toString());
                all.add(row);
            }
        }
        return new Csv(all.get(0), all.subList(1, all.size()));
    }

    public List<String> header() {
        return header;
    }

    public int size() {
        return rows.size();
    }

    public String get(int row, String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column " + column + " in " + header);
        }
        return rows.get(row).get(i);
    }
}
