package io.vigil.app;

import io.vigil.monitors.MonitorsService;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "monitors", mixinStandardHelpOptions = true,
        description = "Run the responsible-AI monitors (fairness, drift, differentially private summaries) alone against an external Kafka.")
final class MonitorsCommand extends ServiceCommand {

    @Override
    boolean needsElasticsearch() {
        return false;
    }

    @Override
    Service create(ServiceContext ctx, PrintWriter out) {
        return new MonitorsService(ctx);
    }
}
