package io.vigil.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proves the guard runs before DJL's Engine class loads, in a fresh JVM whose command line and
 * environment carry NO offline switches (surefire's are removed): the JVM's class-load log must
 * show our guard's marker before ai.djl.engine.Engine, and DJL must report offline mode.
 */
class DjlOfflineTest {

    @Test
    void guardRunsBeforeEngineLoadsInAFreshJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xlog:class+load=info:stdout", "-Dvigil.djl.trace=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DjlOfflineProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OPT_OUT_TRACKING");
        pb.environment().remove("DJL_OFFLINE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out.lines().filter(l -> !l.contains("[class,load]")).toList().toString()).isZero();

        List<String> lines = out.lines().toList();
        int guard = indexOf(lines, "vigil: DJL offline switches set");
        int engine = indexOf(lines, " ai.djl.engine.Engine ");
        assertThat(guard).as("guard marker").isGreaterThanOrEqualTo(0);
        assertThat(engine).as("Engine class load").isGreaterThan(guard);
        assertThat(out).contains("probe: offline=true OPT_OUT_TRACKING=true");
    }

    private static int indexOf(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i;
            }
        }
        return -1;
    }
}
