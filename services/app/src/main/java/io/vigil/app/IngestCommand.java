package io.vigil.app;

import io.vigil.ingest.IngestService;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run the ingest service alone against an external Kafka: HTTP ingest endpoints, RSS poller, "
                + "notes drop folder and the news, transactions and notes topologies.")
final class IngestCommand extends ServiceCommand {

    @Override
    boolean needsElasticsearch() {
        return false;
    }

    @Override
    Service create(ServiceContext ctx, PrintWriter out) {
        return new IngestService(ctx);
    }
}
