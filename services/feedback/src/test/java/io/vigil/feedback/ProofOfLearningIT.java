package io.vigil.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 corrections through the API teach the model a class it got systematically wrong, without costing more
 * than a point on the frozen holdout; a candidate trained on deliberately wrong corrections is rejected.
 * The champion is the bundled news-sentiment model (see Champions).
 */
@Tag("integration")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ProofOfLearningIT {

    @TempDir
    Path dir;

    @Test
    void correctionsTeachTheBlindSpotAndTheGateStopsARegression() throws Exception {
        ProofOfLearning.Report r = ProofOfLearning.run(dir, 12);
        System.out.println(r.describe());
        assertThat(r.classAccuracyBefore()).isLessThan(0.3);
        assertThat(r.classAccuracyAfter()).isGreaterThanOrEqualTo(r.classAccuracyBefore() + 0.5);
        assertThat(r.holdoutAfter()).isGreaterThanOrEqualTo(r.holdoutBefore() - 0.01);
        assertThat(r.rejectedWhy()).startsWith("rejected: FAIL");
    }
}
