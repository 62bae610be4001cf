package io.vigil.ingest.deid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The logic of {@code vigil deid}: JSON lines {@code {"id":..., "text":...}} in, JSON lines
 * {@code {"id":..., "text":<redacted>, "spans":[{"type":..., "start":..., "end":...}]}} out.
 *
 * <p>Span offsets in the output count Unicode code points of the INPUT text (what Python and most JSON
 * consumers index by); a bad line gives {@code {"line":N,"error":"..."}} on the error stream and the run
 * goes on. Error messages are fixed strings: they never echo input, which may be patient text.
 */
public final class DeidCommand {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** What a run did. */
    public record Summary(long lines, long written, long errors) {
    }

    private DeidCommand() {
    }

    /** Reads {@code in} to its end, writes results to {@code out} and errors to {@code System.err}. */
    public static Summary run(InputStream in, OutputStream out, Deidentifier d) {
        return run(in, out, System.err, d);
    }

    public static Summary run(InputStream in, OutputStream out, OutputStream err, Deidentifier d) {
        long lineNo = 0;
        long written = 0;
        long errors = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            Writer e = new BufferedWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String problem;
                try {
                    problem = process(line, d, w);
                } catch (RuntimeException ex) {
                    // never ex.getMessage(): it could quote the note
                    problem = "internal error (" + ex.getClass().getSimpleName() + ")";
                }
                if (problem == null) {
                    written++;
                } else {
                    errors++;
                    ObjectNode errNode = JSON.createObjectNode();
                    errNode.put("line", lineNo);
                    errNode.put("error", problem);
                    e.write(JSON.writeValueAsString(errNode));
                    e.write('\n');
                    e.flush();
                }
            }
            w.flush();
            e.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("deid stream failed at line " + lineNo, ex);
        }
        return new Summary(lineNo, written, errors);
    }

    /** @return null when a result line was written, else a fixed description of what is wrong. */
    private static String process(String line, Deidentifier d, Writer w) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException ex) {
            return "invalid JSON";
        }
        if (node == null || !node.isObject()) {
            return "not a JSON object";
        }
        JsonNode id = node.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return "missing or invalid field 'id' (string or integer)";
        }
        JsonNode textNode = node.get("text");
        if (textNode == null || !textNode.isTextual()) {
            return "missing or non-string field 'text'";
        }
        String text = textNode.textValue();
        DeidResult res = d.deidentify(text);
        ObjectNode o = JSON.createObjectNode();
        o.set("id", id);
        o.put("text", res.redactedText());
        ArrayNode spans = o.putArray("spans");
        // code-point offsets: walk once instead of counting from 0 for every span
        int cpPos = 0;
        int charPos = 0;
        for (Span s : res.spans()) {
            cpPos += Character.codePointCount(text, charPos, s.start());
            int cpStart = cpPos;
            cpPos += Character.codePointCount(text, s.start(), s.end());
            charPos = s.end();
            ObjectNode sn = spans.addObject();
            sn.put("type", s.type().name());
            sn.put("start", cpStart);
            sn.put("end", cpPos);
        }
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
        return null;
    }
}
