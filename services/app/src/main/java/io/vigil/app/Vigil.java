package io.vigil.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command. Each subcommand is one class; services add theirs here. */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = Vigil.Version.class,
        description = "Streaming monitoring: news sentiment, transaction fraud risk and clinical note risk, "
                + "scored with DJL, corrected by analysts, indexed into Elasticsearch.",
        subcommands = {LocalCommand.class, IngestCommand.class, InferenceCommand.class, FeedbackCommand.class, IndexerCommand.class,
                AlertsCommand.class, MonitorsCommand.class, TrainCommand.class, ScoreCommand.class, ReplayCommand.class, ConfigCommand.class, DeidCommandLine.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class Vigil implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Vigil());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // A user-facing failure: one clear line, the stack trace only in the log file.
            commandLine.getErr().println("vigil: " + ex.getMessage());
            org.slf4j.LoggerFactory.getLogger(Vigil.class).debug("command failed", ex);
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Vigil.class.getPackage().getImplementationVersion();
            return new String[]{"vigil " + (v == null ? "development build" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
