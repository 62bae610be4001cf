package io.vigil.feedback.tuning;

import io.vigil.feedback.TrainingExample;
import io.vigil.models.DjlOffline;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The gate's per-group accuracy and gap (computed with the shared GroupMetrics) against a count by hand. */
class EvaluationGroupsTest {

    @Test
    @SuppressWarnings("unchecked")
    void groupAccuracyAndGapMatchAHandCount(@TempDir Path dir) {
        DjlOffline.ensure();
        ModelStore store = new ModelStore(dir);
        BundledModels.install(store);
        String[] texts = {"Shares slump after profit warning", "Company beats estimates and raises outlook",
                "Board names new chief financial officer", "Regulator opens probe into accounting",
                "Record quarterly revenue lifts the stock", "Recall of faulty products hits sales"};
        try (ScoringModel<String> model = (ScoringModel<String>) store.load("news-sentiment", "v1")) {
            List<TrainingExample> held = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String label = i % 3 == 0 ? "negative" : i % 3 == 1 ? "positive" : "neutral";
                held.add(new TrainingExample("e" + i, "news-sentiment", texts[i % texts.length], label,
                        Map.of("region", i < 12 ? "north" : "south", "tiny", i == 0 ? "alone" : "crowd")));
            }
            Evaluation e = Evaluation.of(model, LabelledSet.of(List.of(), List.of()),
                    held.stream().map(TrainingExample::text).toList(), held, 5, null);

            List<Prediction> p = model.predict(held.stream().map(TrainingExample::text).toList());
            double north = 0;
            double south = 0;
            for (int i = 0; i < 24; i++) {
                boolean right = p.get(i).label().equals(held.get(i).label());
                if (right && i < 12) north++;
                if (right && i >= 12) south++;
            }
            assertThat(e.groupAccuracy().get("region")).containsEntry("north", north / 12).containsEntry("south", south / 12);
            assertThat(e.groupGap().get("region")).isCloseTo(Math.abs(north - south) / 12, within(1e-12));
            // a group of one is below min-group-size: "tiny" has a single judged group, so no gap
            assertThat(e.groupAccuracy()).doesNotContainKey("tiny");
            assertThat(e.groupGap()).doesNotContainKey("tiny");
        }
    }
}
