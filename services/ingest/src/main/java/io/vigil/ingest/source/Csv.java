package io.vigil.ingest.source;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A streaming RFC 4180 CSV reader: quoted fields, doubled quotes, newlines inside quotes; first row is the header. */
public final class Csv implements Closeable {

    private final BufferedReader in;
    private final Map<String, Integer> header = new HashMap<>();
    private long row;

    public Csv(Path file) throws IOException {
        this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        List<String> h = next0();
        if (h == null) throw new IOException(file + " is empty");
        for (int i = 0; i < h.size(); i++) header.put(h.get(i).strip(), i);
    }

    /** The next row as column -> value, or null at the end. */
    public Map<String, String> next() {
        List<String> f = next0();
        if (f == null) return null;
        row++;
        Map<String, String> m = new HashMap<>();
        header.forEach((k, i) -> m.put(k, i < f.size() ? f.get(i) : ""));
        return m;
    }

    /** 1-based number of the last row returned (header excluded). */
    public long row() {
        return row;
    }

    private List<String> next0() {
        try {
            String line = in.readLine();
            if (line == null) return null;
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            while (true) {
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (quoted) {
                        if (c == '"') {
                            if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                                cur.append('"');
                                i++;
                            } else quoted = false;
                        } else cur.append(c);
                    } else if (c == '"') quoted = true;
                    else if (c == ',') {
                        out.add(cur.toString());
                        cur.setLength(0);
                    } else cur.append(c);
                }
                if (!quoted) break;
                String more = in.readLine();
                if (more == null) break;
                cur.append('\n');
                line = more;
            }
            out.add(cur.toString());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
