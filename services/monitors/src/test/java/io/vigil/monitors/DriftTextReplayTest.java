package io.vigil.monitors;

import io.vigil.models.DjlOffline;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.drift.ModelInputs;
import io.vigil.models.drift.ReferenceProfiles;
import io.vigil.models.store.BundledModels;
import io.vigil.models.store.ModelStore;
import io.vigil.models.train.Csv;
import io.vigil.topics.Topics;
import io.vigil.topics.events.CleanNewsArticle;
import io.vigil.topics.events.DriftMetric;
import io.vigil.topics.events.ScoredNewsArticle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.vigil.monitors.Events.min;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text drift: headlines sampled from the news model's training data, scored by the bundled news-sentiment v1 model,
 * against its shipped profile (text length, vocabulary coverage, score). The planted shift is a feed change
 * upstream: every headline arrives with a syndication trailer appended.
 */
class DriftTextReplayTest {

    static final int SAMPLE = 600;
    static final String TRAILER = " | Syndicated via Zephyrwire Q3 bulletin, ref. XK-77 (auto-generated, unverified)";
    static List<ScoredNewsArticle> plain;
    static List<ScoredNewsArticle> trailed;

    @TempDir
    Path dir;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void replay(@TempDir Path store) throws Exception {
        DjlOffline.ensure();
        ModelStore models = new ModelStore(store);
        BundledModels.install(models);
        Csv csv = Csv.read(DriftReplayTest.dataDir().resolve("sentiment/tfns_train.csv"));
        List<String> texts = new ArrayList<>();
        new Random(11).ints(0, csv.size()).distinct().limit(SAMPLE).forEach(i -> texts.add(csv.get(i, "text")));
        try (ScoringModel<String> model = (ScoringModel<String>) models.load("news-sentiment", "v1")) {
            plain = events("p", texts, model);
            trailed = events("t", texts.stream().map(t -> t + TRAILER).toList(), model);
        }
    }

    static List<ScoredNewsArticle> events(String prefix, List<String> texts, ScoringModel<String> model) {
        List<Prediction> p = model.predict(texts);
        List<ScoredNewsArticle> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            CleanNewsArticle a = new CleanNewsArticle(prefix + i, min(i * 0.05), "test", 1, texts.get(i), null, null, "en",
                    List.of(), null, List.of(), "_none");
            out.add(ScoredNewsArticle.of(a, Events.score("news-sentiment", "v1", p.get(i).label(),
                    ReferenceProfiles.score("news-sentiment", p.get(i))), "test"));
        }
        return out;
    }

    private Map<String, DriftMetric> run(Harness h, List<ScoredNewsArticle> replay) {
        replay.forEach(e -> h.pipe(Topics.NEWS_SCORED, "k", e));
        ScoredNewsArticle last = replay.getLast();
        h.pipe(Topics.NEWS_SCORED, "k", new ScoredNewsArticle("close", min(70), "test", 1, last.article(), last.score()));
        return h.read(Topics.MONITORS_DRIFT).stream().collect(Collectors.toMap(DriftMetric::feature, Function.identity()));
    }

    @Test
    void sampledHeadlinesStayWithinTheBounds() {
        try (Harness h = new Harness(Harness.only("drift", Map.of()), dir)) {
            Map<String, DriftMetric> m = run(h, plain);
            assertThat(m).containsOnlyKeys(ModelInputs.TEXT_LENGTH, ModelInputs.VOCAB_COVERAGE, "score");
            assertThat(m.values()).allSatisfy(d -> {
                assertThat(d.psi()).as(d.feature()).isLessThan(0.1);
                assertThat(d.breached()).isFalse();
            });
            assertThat(h.read(Topics.ALERTS)).isEmpty();
            System.out.printf("headlines: PSI text_length %.4f, vocab_coverage %.4f, score %.4f%n", m.get(ModelInputs.TEXT_LENGTH).psi(),
                    m.get(ModelInputs.VOCAB_COVERAGE).psi(), m.get("score").psi());
        }
    }

    @Test
    void aSyndicationTrailerShiftsLengthAndVocabularyAndAlerts() {
        try (Harness h = new Harness(Harness.only("drift", Map.of()), dir)) {
            Map<String, DriftMetric> m = run(h, trailed);
            assertThat(m.get(ModelInputs.TEXT_LENGTH).psi()).isGreaterThan(0.25);
            assertThat(m.get(ModelInputs.TEXT_LENGTH).breached()).isTrue();
            assertThat(h.read(Topics.ALERTS)).singleElement().satisfies(a -> assertThat(a.key()).isEqualTo("news-sentiment|v1"));
            System.out.printf("headlines + trailer: PSI text_length %.3f, vocab_coverage %.3f, score %.3f%n", m.get(ModelInputs.TEXT_LENGTH).psi(),
                    m.get(ModelInputs.VOCAB_COVERAGE).psi(), m.get("score").psi());
        }
    }
}
