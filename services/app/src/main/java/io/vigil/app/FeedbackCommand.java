package io.vigil.app;

import io.vigil.feedback.FeedbackService;
import io.vigil.platform.service.Service;
import io.vigil.platform.service.ServiceContext;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = "Run the analyst API and UI, review queues and gated fine-tuning alone against an external Kafka.")
final class FeedbackCommand extends ServiceCommand {

    @Override
    boolean needsElasticsearch() {
        return false;
    }

    @Override
    Service create(ServiceContext ctx, PrintWriter out) {
        return new FeedbackService(ctx);
    }
}
