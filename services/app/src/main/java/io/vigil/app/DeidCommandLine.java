package io.vigil.app;

import io.vigil.ingest.deid.DeidCommand;
import io.vigil.ingest.deid.Deidentifier;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code vigil deid}: JSON lines on stdin -> de-identified JSON lines on stdout (see DeidCommand). */
@Command(name = "deid", mixinStandardHelpOptions = true,
        description = "De-identify clinical text: JSON lines {\"text\":...} on stdin, redacted JSON lines on stdout; "
                + "bad lines are reported on stderr by line number, never with their content.")
final class DeidCommandLine implements Callable<Integer> {

    @Override
    public Integer call() {
        DeidCommand.Summary s = DeidCommand.run(System.in, System.out, System.err, Deidentifier.create());
        return s.errors() == 0 ? 0 : 3;
    }
}
