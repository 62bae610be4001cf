package io.vigil.app;

import io.vigil.alerts.AlertPrinter;
import io.vigil.alerts.AlertsService;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Run the alert rules and the webhook notifier alone against an external Kafka.")
final class AlertsCommand extends ServiceCommand {

    @Override
    boolean needsElasticsearch() {
        return false;
    }

    @Override
    Service create(ServiceContext ctx, PrintWriter out) {
        return new AlertsService(ctx, new AlertPrinter(out));
    }
}
