package io.vigil.ingest.deid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeidCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(DeidCommand.Summary summary, List<String> out, List<String> err) {
    }

    private static Run run(String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DeidCommand.Summary s = DeidCommand.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, err,
                Deidentifier.create());
        return new Run(s, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void redactsLinesAndReportsCodePointOffsets() throws Exception {
        String text = "😊 Seen by Dr. Alice Romero on 03/04/2021.";
        Run r = run(JSON.writeValueAsString(java.util.Map.of("id", "n1", "text", text)) + "\n");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).hasSize(1);
        JsonNode o = JSON.readTree(r.out().get(0));
        assertThat(o.get("id").asText()).isEqualTo("n1");
        assertThat(o.get("text").asText()).isEqualTo("😊 Seen by Dr. [NAME] on [DATE].");
        JsonNode name = o.get("spans").get(0);
        assertThat(name.get("type").asText()).isEqualTo("NAME");
        // offsets count code points: the emoji is one
        int[] cps = text.codePoints().toArray();
        String viaCodePoints = new String(cps, name.get("start").asInt(), name.get("end").asInt() - name.get("start").asInt());
        assertThat(viaCodePoints).isEqualTo("Alice Romero");
        assertThat(o.get("spans").get(1).get("type").asText()).isEqualTo("DATE");
    }

    @Test
    void badLinesGoToStderrWithLineNumbersAndProcessingContinues() throws Exception {
        String secret = "Patient Jane Secretname MRN 99887766";
        String input = "{\"id\":1,\"text\":\"Call (555) 555-5555\"}\n"
                + "{\"id\":2,\"text\":\"" + secret + "\"\n"          // truncated JSON
                + "\n"                                               // blank: skipped, not an error
                + "[1,2]\n"
                + "{\"id\":3}\n"
                + "{\"text\":\"" + secret + "\"}\n"
                + "{\"id\":4,\"text\":\"ok\"} trailing " + secret + "\n"
                + "{\"id\":5,\"text\":\"Dr. Brown\"}\n";
        Run r = run(input);
        assertThat(r.summary().lines()).isEqualTo(8);
        assertThat(r.summary().written()).isEqualTo(2);
        assertThat(r.summary().errors()).isEqualTo(5);
        assertThat(r.out()).hasSize(2);
        assertThat(JSON.readTree(r.out().get(0)).get("id").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(r.out().get(1)).get("text").asText()).isEqualTo("Dr. [NAME]");
        assertThat(r.err()).hasSize(5);
        assertThat(r.err().stream().map(l -> {
            try {
                return JSON.readTree(l).get("line").asInt();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList()).containsExactly(2, 4, 5, 6, 7);
        // no error line may echo the note
        assertThat(String.join("\n", r.err())).doesNotContain("Secretname").doesNotContain("99887766");
    }
}
