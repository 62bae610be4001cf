package io.vigil.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Prints the effective configuration with where each value came from; secrets are masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration (defaults < file < environment < --set), secrets masked.")
final class ConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var config = options.load();
        spec.commandLine().getOut().print(config.describe());
        spec.commandLine().getOut().flush();
        config.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        return config.warnings().isEmpty() ? 0 : 2;
    }
}
