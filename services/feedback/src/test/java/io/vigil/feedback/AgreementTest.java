package io.vigil.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.topics.events.Correction;
import io.vigil.topics.events.Domain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgreementTest {

    @Test
    void kappaMatchesTheTextbookExample() {
        // 50 items: both yes 20, a yes/b no 5, a no/b yes 10, both no 15 -> po 0.7, pe 0.5 -> kappa 0.4
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        add(a, b, "yes", "yes", 20);
        add(a, b, "yes", "no", 5);
        add(a, b, "no", "yes", 10);
        add(a, b, "no", "no", 15);
        assertThat(Agreement.kappa(a, b)).isCloseTo(0.4, within(1e-9));
        assertThat(Agreement.kappa(List.of(), List.of())).isNull();
        assertThat(Agreement.kappa(List.of("x", "x"), List.of("x", "x"))).isEqualTo(1.0);
    }

    @Test
    void reportsPerPairAndPerLabel() {
        List<Correction> cs = new ArrayList<>();
        String[][] rows = {{"positive", "positive"}, {"negative", "negative"}, {"neutral", "positive"}, {"neutral", "neutral"}};
        for (int i = 0; i < rows.length; i++) {
            cs.add(c("e" + i, "ann", rows[i][0]));
            cs.add(c("e" + i, "bob", rows[i][1]));
        }
        cs.add(c("solo", "ann", "neutral"));
        Map<String, Object> r = Agreement.report(cs);
        assertThat(r.get("doublyReviewedItems")).isEqualTo(4);
        @SuppressWarnings("unchecked") List<Map<String, Object>> pairs = (List<Map<String, Object>>) r.get("pairs");
        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0).get("analysts")).isEqualTo(List.of("ann", "bob"));
        assertThat((Double) pairs.get(0).get("kappa")).isBetween(0.6, 0.7);
        @SuppressWarnings("unchecked") Map<String, Object> labels = (Map<String, Object>) r.get("labels");
        assertThat(labels).containsKeys("negative", "neutral", "positive");
        assertThat(labels.get("negative")).isEqualTo(1.0);
    }

    static void add(List<String> a, List<String> b, String x, String y, int n) {
        for (int i = 0; i < n; i++) {
            a.add(x);
            b.add(y);
        }
    }

    static Correction c(String event, String analyst, String label) {
        return new Correction("c-" + event + "-" + analyst, Instant.now(), "test", 1, Domain.NEWS, event, "news-sentiment",
                "v1", "neutral", label, analyst, null, null, null);
    }
}
