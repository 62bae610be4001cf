package io.vigil.app;

import io.vigil.inference.InferenceService;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "inference", mixinStandardHelpOptions = true,
        description = "Run the scoring service alone against an external Kafka: transactional consume-score-produce, "
                + "hot model swap on models.releases, POST /v1/score/{model}.")
final class InferenceCommand extends ServiceCommand {

    @Override
    boolean needsElasticsearch() {
        return false;
    }

    @Override
    Service create(ServiceContext ctx, PrintWriter out) {
        return new InferenceService(ctx);
    }
}
