package io.vigil.app;

import io.vigil.indexer.IndexerService;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "indexer", mixinStandardHelpOptions = true,
        description = "Run the Kafka -> Elasticsearch indexer alone against external Kafka and Elasticsearch.")
final class IndexerCommand extends ServiceCommand {

    @Override
    boolean needsElasticsearch() {
        return true;
    }

    @Override
    Service create(ServiceContext ctx, PrintWriter out) {
        return new IndexerService(ctx, ctx.elasticsearch());
    }
}
