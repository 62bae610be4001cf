package io.vigil.monitors;

import io.vigil.topics.Topics;
import io.vigil.topics.events.ScoredTransaction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: events per second through the monitors topology on a TopologyTestDriver (one thread, serdes and
 * state stores included, no broker), against a baseline measured in the same run: decoding and re-encoding the same
 * events with their validating serde (the floor any consumer of the scored topic pays). Run:
 * {@code java -cp <test classpath> io.vigil.monitors.MonitorsBench [events [rounds]]}.
 */
public final class MonitorsBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<ScoredTransaction> events = events(n);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        for (int round = 0; round < rounds; round++) { // the first round warms the JIT; later rounds are printed
            double serde = serde(events);
            // the earlier JSON state and the binary state, first one then the other, in turns (order effects cancel)
            for (boolean json : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                StateSerde.writeJson = json;
                double fairness = run(events, "fairness");
                double drift = run(events, "drift");
                double privacy = run(events, "privacy");
                double all = run(events, null);
                if (round >= 1) {
                    System.out.printf("%s state | events %d | serde round trip %.0f/s | fairness %.0f/s (%.2fx) | drift %.0f/s (%.2fx) | "
                                    + "privacy %.0f/s (%.2fx) | all three %.0f/s (%.2fx of the serde baseline)%n",
                            json ? "JSON  " : "binary", n, serde, fairness, fairness / serde, drift, drift / serde, privacy,
                            privacy / serde, all, all / serde);
                }
            }
            StateSerde.writeJson = false;
        }
    }

    static List<ScoredTransaction> events(int n) {
        Random r = new Random(1);
        String[] genders = {"F", "M"};
        String[] states = {"CA", "NY", "TX", "FL", "PA"};
        List<ScoredTransaction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Double> f = Map.of("log_amount", 3 + r.nextGaussian() * 2, "hour_of_day", (double) r.nextInt(24),
                    "txn_count_1h", (double) r.nextInt(3), "type_payment", 1.0, "category_home", 0.0);
            double s = r.nextDouble();
            out.add(Events.txn("b" + i, Events.min(i * 0.01), "PAYMENT", Map.of("gender", genders[i % 2], "state", states[i % 5],
                    "ageBand", "30-49", "citySize", "urban"), f, Events.score("transaction-fraud", "v2", s > 0.9 ? "fraud" : "legit", s)));
        }
        return out;
    }

    static double serde(List<ScoredTransaction> events) {
        long t0 = System.nanoTime();
        var serde = Topics.TRANSACTIONS_SCORED.valueSerde();
        for (ScoredTransaction e : events) serde.deserializer().deserialize("t", serde.serializer().serialize("t", e));
        return events.size() / ((System.nanoTime() - t0) / 1e9);
    }

    static double run(List<ScoredTransaction> events, String only) throws Exception {
        Path dir = Files.createTempDirectory("monitors-bench");
        Map<String, String> cfg = only == null ? Map.of() : Harness.only(only, Map.of());
        try (Harness h = new Harness(cfg, dir)) {
            var in = h.driver.createInputTopic(Topics.TRANSACTIONS_SCORED.name(), Topics.TRANSACTIONS_SCORED.keySerde().serializer(),
                    Topics.TRANSACTIONS_SCORED.valueSerde().serializer());
            long t0 = System.nanoTime();
            for (ScoredTransaction e : events) in.pipeInput("a", e, e.eventTime());
            return events.size() / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
