package io.vigil.app;

import io.vigil.models.DjlOffline;
import io.vigil.models.train.Training;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Trains the default models reproducibly (fixed seeds) from the bundled datasets. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a default model from the bundled data: news-sentiment, transaction-fraud, note-risk or all. "
                + "Prints each model card's metrics as JSON.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "news-sentiment | transaction-fraud | note-risk | all")
    String model;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data", description = "the datasets folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "trained-models",
            description = "model store to write the new versions into (default: ${DEFAULT-VALUE})")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DjlOffline.ensure();
        List<String> names = "all".equals(model) ? Training.MODELS : List.of(model);
        if (!Training.MODELS.containsAll(names)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown model '" + model + "'; known: " + Training.MODELS + " or all");
        }
        for (String name : names) {
            var metrics = Training.train(name, data, out);
            spec.commandLine().getOut().println(io.vigil.models.Json.MAPPER.writeValueAsString(metrics));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
