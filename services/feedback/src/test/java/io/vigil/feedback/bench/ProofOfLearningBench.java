package io.vigil.feedback.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the proof-of-learning numbers (see services/feedback/README.md for the command). Argument: champion
 * epochs (default 12 = the default recipe); or set -Dvigil.feedback.champion-store=<store dir> to reuse a trained one.
 */
public final class ProofOfLearningBench {

    private ProofOfLearningBench() {}

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        Path dir = Files.createTempDirectory("feedback-bench");
        System.out.println(io.vigil.feedback.BenchAccess.run(dir, epochs));
        System.exit(0);
    }
}
