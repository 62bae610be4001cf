package io.vigil.ingest.source;

import io.vigil.topics.events.Event;
import io.vigil.topics.events.Transaction;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CSV rows of the two bundled fraud datasets -> Transactions, mapped the way the models module's training reads
 * them (PaySim: account nameOrig, counterparty nameDest, event time = step hours after the epoch; Sparkov:
 * account cc_num, counterparty merchant, trans_date_trans_time as UTC). PaySim's {@code oldbalanceOrg} is carried as
 * {@code balanceBefore} (the balance before the transaction, known at authorisation). Never carried: PaySim's
 * after-the-fact balance columns newbalanceOrig, oldbalanceDest, newbalanceDest (they leak the label), Sparkov's
 * names, street, zip, job, dob, trans_num. Carried: the label as
 * {@code fraudLabel} (a dataset label, never a feature), and for Sparkov the group attributes gender, age band
 * (from dob at the transaction date), state and city size (from city_pop).
 */
public final class TransactionRows {

    private static final DateTimeFormatter SPARKOV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TransactionRows() {
    }

    /** Stable id per row: dataset file name + row number. */
    static String rowId(String file, long row) {
        return file.replaceAll("[^A-Za-z0-9._-]", "_") + ":" + row;
    }

    public static Transaction paysim(Map<String, String> r, String file, long row, Duration shift) {
        long step = Long.parseLong(r.get("step").strip());
        Instant at = Instant.ofEpochMilli(step * 3_600_000L).plus(shift);
        String type = r.get("type").strip();
        return new Transaction(rowId(file, row), at, "replay:paysim", Event.CURRENT_VERSION, r.get("nameOrig"), r.get("nameDest"),
                new BigDecimal(r.get("amount").strip()), "USD", type, null, null, null, null, label(r.get("isFraud")),
                balance(r.get("oldbalanceOrg")));
    }

    /** The topic event -> the feature code's view; CARD (Sparkov) has no PaySim type, as in training. */
    public static io.vigil.models.features.Txn toTxn(io.vigil.topics.events.Transaction t) {
        String type = "CARD".equals(t.type()) ? null : t.type();
        return new io.vigil.models.features.Txn(t.accountId(), t.counterpartyId(), t.amount().doubleValue(), type,
                t.category(), t.eventTime().toEpochMilli(), t.balanceBefore() == null ? null : t.balanceBefore().doubleValue());
    }

    public static Instant paysimTime(Map<String, String> r) {
        return Instant.ofEpochMilli(Long.parseLong(r.get("step").strip()) * 3_600_000L);
    }

    public static Instant sparkovTime(Map<String, String> r) {
        return LocalDateTime.parse(r.get("trans_date_trans_time").strip(), SPARKOV_TIME).toInstant(ZoneOffset.UTC);
    }

    public static Transaction sparkov(Map<String, String> r, String file, long row, Duration shift) {
        Instant original = sparkovTime(r);
        Map<String, String> groups = new LinkedHashMap<>();
        String gender = r.getOrDefault("gender", "").strip();
        if (!gender.isEmpty()) groups.put("gender", gender.equals("F") ? "female" : gender.equals("M") ? "male" : "other");
        String dob = r.getOrDefault("dob", "").strip();
        if (!dob.isEmpty()) groups.put("ageBand", ageBand(Period.between(LocalDate.parse(dob), original.atZone(ZoneOffset.UTC).toLocalDate()).getYears()));
        String state = r.getOrDefault("state", "").strip();
        if (!state.isEmpty()) groups.put("state", state);
        String pop = r.getOrDefault("city_pop", "").strip();
        if (!pop.isEmpty()) groups.put("citySize", citySize(Long.parseLong(pop)));
        return new Transaction(rowId(file, row), original.plus(shift), "replay:sparkov", Event.CURRENT_VERSION, r.get("cc_num").strip(),
                r.get("merchant").strip(), new BigDecimal(r.get("amt").strip()), "USD", "CARD", r.get("category").strip(),
                groups, Double.valueOf(r.get("lat").strip()), Double.valueOf(r.get("long").strip()), label(r.get("is_fraud")));
    }

    /** A balance column, or null when the file has none or the cell is empty. */
    static BigDecimal balance(String v) {
        if (v == null || v.isBlank()) return null;
        return new BigDecimal(v.strip());
    }

    static Boolean label(String v) {
        if (v == null || v.isBlank()) return null;
        return Double.parseDouble(v.strip()) >= 0.5;
    }

    /** Fairness bands: under 25, 25-39, 40-59, 60+. */
    static String ageBand(int age) {
        return age < 25 ? "<25" : age < 40 ? "25-39" : age < 60 ? "40-59" : "60+";
    }

    /** US-style size classes by population: rural (< 10k), town (< 100k), city (< 1M), metro. */
    static String citySize(long pop) {
        return pop < 10_000 ? "rural" : pop < 100_000 ? "town" : pop < 1_000_000 ? "city" : "metro";
    }
}
