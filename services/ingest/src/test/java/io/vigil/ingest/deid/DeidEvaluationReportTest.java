package io.vigil.ingest.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes the evaluation tables of {@link DeidEvaluation#main} to {@code target/deid-evaluation.md}, so that
 * every build reproduces the README numbers. The data are synthetic/annotated, not patient notes.
 */
class DeidEvaluationReportTest {

    @Test
    void writesTheReport() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            DeidEvaluation.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        String md = buf.toString(StandardCharsets.UTF_8);
        assertThat(md).contains("held-out test split").contains("| NAME |");
        Path out = Path.of("target", "deid-evaluation.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
    }
}
