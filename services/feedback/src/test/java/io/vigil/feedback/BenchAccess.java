package io.vigil.feedback;

import java.nio.file.Path;

/** Lets the bench package run the package-private scenario. */
public final class BenchAccess {

    private BenchAccess() {}

    public static String run(Path dir, int championEpochs) throws Exception {
        return ProofOfLearning.run(dir, championEpochs).describe();
    }
}
