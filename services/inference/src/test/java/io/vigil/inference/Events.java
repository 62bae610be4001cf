package io.vigil.inference;

import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.topics.events.CleanNewsArticle;
import io.vigil.topics.events.DeidentifiedNote;
import io.vigil.topics.events.EnrichedTransaction;
import io.vigil.topics.events.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid input events for the three domains. */
final class Events {

    private static final Instant T = Instant.parse("2026-11-22T13:30:00Z");

    private Events() {}

    static CleanNewsArticle news(String id, String ticker, String title) {
        return new CleanNewsArticle(id, T, "test", 1, title, null, null, "en", List.of(ticker), null, List.of(), ticker);
    }

    static EnrichedTransaction txn(String id, String account, double amount) {
        Transaction t = new Transaction(id, T, "test", 1, account, "merchant-1", BigDecimal.valueOf(amount), "EUR",
                "PAYMENT", null, null, null, null, null);
        Map<String, Double> f = new LinkedHashMap<>();
        for (String n : TransactionFeaturizer.SPEC.names()) f.put(n, 0.0);
        f.put("log_amount", Math.log1p(amount));
        return new EnrichedTransaction(id, T, "test", 1, t, f, TransactionFeaturizer.SPEC.version());
    }

    static DeidentifiedNote note(String id, String patient, String text) {
        return new DeidentifiedNote(id, T, "test", 1, patient, text, null, null, null, Map.of(), "deid-test");
    }
}
