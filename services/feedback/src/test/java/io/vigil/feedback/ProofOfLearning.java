package io.vigil.feedback;

import io.vigil.feedback.bench.BlindSpotHeadlines;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.feedback.tuning.LabelledSet;
import io.vigil.feedback.tuning.SentimentReplay;
import io.vigil.models.Prediction;
import io.vigil.models.store.ModelStore;
import io.vigil.models.text.TextClassifier;
import io.vigil.topics.Topics;
import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ReleaseAction;
import io.vigil.topics.events.ReviewItem;
import io.vigil.topics.events.ReviewReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The proof-of-learning scenario (headlines from {@link io.vigil.feedback.bench.BlindSpotHeadlines}), shared by
 * {@link ProofOfLearningIT} and the bench. The blind spot: headlines
 * about a company's losses or debt <em>shrinking</em> ("X narrows quarterly loss to $12 million", "X slashes debt
 * by 30 percent") are good news, but the default news-sentiment model reads "loss"/"debt" and calls them negative
 * (measured 0/100 right on the fully trained default). 100 such headlines (25 companies) are corrected to positive
 * through the API; 120 more about 15 other companies are the held-out test of that class. Then 100 neutral
 * headlines from the replay data are "corrected" to positive on purpose: that candidate must be rejected.
 */
final class ProofOfLearning {

    record Report(double classAccuracyBefore, double classAccuracyAfter, int classN, double holdoutBefore,
                  double holdoutAfter, int holdoutN, long lastCorrectionToReleaseMs, String promotedVersion,
                  String rejectedVersion, String rejectedWhy, JsonNode promotedGate) {
        String describe() {
            return String.format(java.util.Locale.ROOT, """
                    blind-spot class (held-out, n=%d): accuracy %.3f -> %.3f
                    frozen holdout (n=%d): accuracy %.4f -> %.4f (%+.2f points)
                    last correction -> promotion on models.releases: %d ms (promoted %s)
                    deliberately wrong corrections: %s %s""", classN, classAccuracyBefore, classAccuracyAfter, holdoutN,
                    holdoutBefore, holdoutAfter, (holdoutAfter - holdoutBefore) * 100, lastCorrectionToReleaseMs,
                    promotedVersion, rejectedVersion, rejectedWhy);
        }
    }

    static double accuracy(TextClassifier m, List<String> texts, String label) {
        return m.predict(texts).stream().filter(p -> p.label().equals(label)).count() / (double) texts.size();
    }

    static double accuracy(TextClassifier m, LabelledSet<String> s) {
        List<Prediction> p = m.predict(s.inputs());
        int ok = 0;
        for (int i = 0; i < s.size(); i++) if (p.get(i).labelIndex() == s.labels()[i]) ok++;
        return ok / (double) s.size();
    }

    static Report run(Path dir, int championEpochs) throws Exception {
        try (Harness h = new Harness(dir, Map.of(
                "feedback.review.second-review-fraction", "0",
                "feedback.fine-tune.every-corrections", "100",
                "feedback.fine-tune.check-seconds", "5"))) {
            Champions.install(h.models, championEpochs);
            h.start();
            ModelStore store = new ModelStore(h.models);
            String champion = store.current("news-sentiment").orElseThrow();
            List<String> train = BlindSpotHeadlines.headlines(BlindSpotHeadlines.CORRECTED, 100, 1);
            List<String> test = BlindSpotHeadlines.headlines(BlindSpotHeadlines.HELD_OUT, 120, 2);
            double before;
            List<ReviewItem> items = new ArrayList<>();
            try (TextClassifier m = store.loadText("news-sentiment", champion)) {
                before = accuracy(m, test, "positive");
                for (int i = 0; i < train.size(); i++) items.add(Harness.scored("pol-" + i, train.get(i), m, ReviewReason.LOW_CONFIDENCE));
            }
            h.publish(items);
            await().atMost(Duration.ofSeconds(60)).until(() -> h.service.queues().backlog().get(io.vigil.topics.events.Domain.NEWS) >= 100);

            JsonNode queue = h.call("GET", "/v1/review/news?limit=200", Harness.ANN, null).body().path("items");
            long lastCorrection = 0;
            for (JsonNode it : queue) {
                if (!it.path("itemId").asText().startsWith("pol-")) continue;
                Harness.Reply r = h.call("POST", "/v1/review/" + it.path("itemId").asText() + "/correction", Harness.ANN, Map.of("label", "positive"));
                if (r.status() != 201) throw new IllegalStateException("correction refused: " + r.body());
                lastCorrection = System.currentTimeMillis();
            }
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode jobs = h.call("GET", "/v1/models/news-sentiment/fine-tunes", Harness.ROOT, null).body().path("jobs");
                return jobs.size() >= 1 && jobs.get(0).path("finishedAt").isTextual();
            });
            List<ModelRelease> rel = h.read(Topics.MODELS_RELEASES, m -> m.action() == ReleaseAction.PROMOTE, 1, Duration.ofSeconds(20));
            if (rel.isEmpty()) throw new IllegalStateException("no promotion: " + h.call("GET", "/v1/models/news-sentiment/fine-tunes", Harness.ROOT, null).body());
            long latency = rel.get(0).eventTime().toEpochMilli() - lastCorrection;
            String promoted = rel.get(0).modelVersion();

            LabelledSet<String> holdout = new SentimentReplay(Champions.DATA, dir.resolve("data/state/feedback"), 0.15, 0).holdout();
            double after;
            double hBefore;
            double hAfter;
            try (TextClassifier c = store.loadText("news-sentiment", champion); TextClassifier p = store.loadText("news-sentiment", promoted)) {
                after = accuracy(p, test, "positive");
                hBefore = accuracy(c, holdout);
                hAfter = accuracy(p, holdout);
            }
            JsonNode versions = h.call("GET", "/v1/models/news-sentiment/versions", Harness.ROOT, null).body();
            JsonNode gate = null;
            for (JsonNode v : versions.path("versions")) if (v.path("version").asText().equals(promoted)) gate = v.path("card").path("metrics").path("gate");

            // a regressing candidate: neutral headlines the model gets right, "corrected" to positive
            List<ReviewItem> bad = new ArrayList<>();
            LabelledSet<String> pool = new SentimentReplay(Champions.DATA, dir.resolve("data/state/feedback"), 0.15, 0).replayPool();
            try (TextClassifier p = store.loadText("news-sentiment", promoted)) {
                for (int i = 0; i < pool.size() && bad.size() < 100; i += 7) {
                    if (pool.labels()[i] != 1) continue;
                    ReviewItem it = Harness.scored("bad-" + i, pool.inputs().get(i), p, ReviewReason.RANDOM);
                    if (it.label().equals("neutral")) bad.add(it);
                }
            }
            h.publish(bad);
            await().atMost(Duration.ofSeconds(60)).until(() -> h.service.queues().backlog().get(io.vigil.topics.events.Domain.NEWS) >= bad.size());
            for (ReviewItem it : bad) {
                Harness.Reply r = h.call("POST", "/v1/review/" + it.id() + "/correction", Harness.BOB, Map.of("label", "positive"));
                if (r.status() != 201) throw new IllegalStateException("correction refused: " + r.body());
            }
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                JsonNode jobs = h.call("GET", "/v1/models/news-sentiment/fine-tunes", Harness.ROOT, null).body().path("jobs");
                return jobs.size() >= 2 && jobs.get(1).path("finishedAt").isTextual();
            });
            JsonNode v2 = h.call("GET", "/v1/models/news-sentiment/versions", Harness.ROOT, null).body();
            JsonNode rejected = v2.path("rejected").size() > 0 ? v2.path("rejected").get(0) : null;
            return new Report(before, after, test.size(), hBefore, hAfter, holdout.size(), latency, promoted,
                    rejected == null ? "(none rejected; current " + v2.path("current").asText() + ")" : rejected.path("version").asText(),
                    rejected == null ? "" : rejected.path("card").path("metrics").path("gate").path("why").asText(), gate);
        }
    }
}
