package io.vigil.models.features;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * THE transaction feature code, used by the ingest stream (state in a Kafka Streams store) and by
 * training (replaying the CSVs), so there is no training/serving skew. Pure and deterministic:
 * {@code apply(state, txn)} returns the features of txn given the account's history before it,
 * and the new state; feed each account's transactions in event-time order.
 *
 * <p>Windows cover earlier transactions of the account with {@code txnTime - 1h < t <= txnTime}
 * (resp. 24 h): one exactly 1 h old is outside the 1 h window. The transaction itself is never in
 * its own windows or average.
 */
public final class TransactionFeaturizer {

    public static final long HOUR_MS = 3_600_000L;
    public static final long DAY_MS = 24 * HOUR_MS;
    public static final List<String> TYPES = List.of("CASH_IN", "CASH_OUT", "DEBIT", "PAYMENT", "TRANSFER");
    public static final List<String> CATEGORIES = List.of("entertainment", "food_dining", "gas_transport",
            "grocery_net", "grocery_pos", "health_fitness", "home", "kids_pets", "misc_net", "misc_pos",
            "personal_care", "shopping_net", "shopping_pos", "travel");
    /**
     * v2 added the balance-before features; a model's config.json names the version it was trained on, and
     * the stream's events carry theirs, so a v1 model never scores v2 vectors silently.
     */
    public static final String VERSION = "txn-features-v2";
    /** amount / balance-before is capped here (an amount above the balance, or any amount on a zero balance). */
    public static final double MAX_BALANCE_SHARE = 2.0;
    public static final FeatureSpec SPEC = spec();

    /** Features + the account's and the amount's state after this transaction. */
    public record Result(float[] features, AccountState state, AmountState amountState) {}

    private TransactionFeaturizer() {}

    private static FeatureSpec spec() {
        List<String> n = new ArrayList<>(List.of(
                "log_amount", "hour_of_day", "hour_sin", "hour_cos",
                "txn_count_1h", "log_amount_sum_1h", "txn_count_24h", "log_amount_sum_24h",
                "log_avg_amount", "log_amount_to_avg_ratio", "log_secs_since_last", "has_history",
                "new_counterparty", "same_amount_count_1h", "amount_is_whole",
                "has_balance_before", "log_balance_before", "amount_to_balance_share", "drains_balance",
                "log_balance_remaining"));
        TYPES.forEach(t -> n.add("type_" + t.toLowerCase(Locale.ROOT)));
        n.add("type_other");
        CATEGORIES.forEach(c -> n.add("category_" + c));
        n.add("category_other");
        return new FeatureSpec(VERSION, List.copyOf(n));
    }

    /** Key of the amount state store: the amount as a canonical decimal string. */
    public static String amountKey(Txn txn) {
        return java.math.BigDecimal.valueOf(txn.amount()).stripTrailingZeros().toPlainString();
    }

    /** Account features only (the amount state is treated as empty). */
    public static Result apply(AccountState prev, Txn txn) {
        return apply(prev, null, txn);
    }

    /**
     * @param prev the account's state (keyed by accountId), null for a new account
     * @param amount the state under {@link #amountKey(Txn)}, null when none
     */
    public static Result apply(AccountState prev, AmountState amount, Txn txn) {
        AccountState s = prev == null ? new AccountState() : prev;
        long t = txn.eventTimeMillis();
        float[] f = new float[SPEC.size()];
        int hour = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getHour();
        f[0] = (float) Math.log1p(Math.max(0, txn.amount()));
        f[1] = hour;
        f[2] = (float) Math.sin(2 * Math.PI * hour / 24);
        f[3] = (float) Math.cos(2 * Math.PI * hour / 24);
        int c1 = 0;
        int c24 = 0;
        double s1 = 0;
        double s24 = 0;
        for (int i = 0; i < s.recentTimes.length; i++) {
            long age = t - s.recentTimes[i];
            if (age < 0) {
                continue; // a later event already seen: not history of this one
            }
            if (age < DAY_MS) {
                c24++;
                s24 += s.recentAmounts[i];
            }
            if (age < HOUR_MS) {
                c1++;
                s1 += s.recentAmounts[i];
            }
        }
        f[4] = c1;
        f[5] = (float) Math.log1p(s1);
        f[6] = c24;
        f[7] = (float) Math.log1p(s24);
        boolean history = s.count > 0;
        double avg = history ? s.sum / s.count : 0;
        f[8] = (float) Math.log1p(avg);
        // log((amount+1)/(avg+1)): 0 when equal to the account's average, and 0 without history
        f[9] = history ? (float) (Math.log1p(Math.max(0, txn.amount())) - Math.log1p(avg)) : 0f;
        f[10] = history ? (float) Math.log1p(Math.max(0, t - s.lastTime) / 1000.0) : 0f;
        f[11] = history ? 1f : 0f;
        long cp = txn.counterpartyId() == null ? 0 : hash(txn.counterpartyId());
        boolean seen = false;
        for (long c : s.counterparties) {
            if (c == cp) {
                seen = true;
                break;
            }
        }
        f[12] = txn.counterpartyId() == null || seen ? 0f : 1f;
        int sameAmount = 0;
        AmountState a = amount == null ? new AmountState() : amount;
        for (long at : a.times) {
            long age = t - at;
            sameAmount += age >= 0 && age < HOUR_MS ? 1 : 0;
        }
        f[13] = sameAmount;
        f[14] = txn.amount() > 0 && txn.amount() == Math.rint(txn.amount()) ? 1f : 0f;
        // Balance before the transaction (known at authorisation): how much of it this transaction moves.
        Double bal = txn.balanceBefore();
        if (bal != null && bal >= 0 && !bal.isNaN() && !bal.isInfinite()) {
            double amt = Math.max(0, txn.amount());
            f[15] = 1f;
            f[16] = (float) Math.log1p(bal);
            f[17] = (float) (bal > 0 ? Math.min(MAX_BALANCE_SHARE, amt / bal) : amt > 0 ? MAX_BALANCE_SHARE : 0);
            // the whole balance to the cent: the account is emptied
            f[18] = bal > 0 && Math.abs(amt - bal) < 0.005 ? 1f : 0f;
            f[19] = (float) Math.log1p(Math.max(0, bal - amt));
        }
        int base = 20;
        int ti = txn.type() == null ? -1 : TYPES.indexOf(txn.type().toUpperCase(Locale.ROOT));
        if (txn.type() != null) {
            f[base + (ti < 0 ? TYPES.size() : ti)] = 1f;
        }
        base += TYPES.size() + 1;
        int ci = txn.category() == null ? -1 : CATEGORIES.indexOf(txn.category().toLowerCase(Locale.ROOT));
        if (txn.category() != null) {
            f[base + (ci < 0 ? CATEGORIES.size() : ci)] = 1f;
        }
        return new Result(f, next(s, txn, cp, seen), nextAmount(a, t));
    }

    private static AccountState next(AccountState s, Txn txn, long cp, boolean seen) {
        AccountState n = s.copy();
        long t = txn.eventTimeMillis();
        n.count++;
        n.sum += Math.max(0, txn.amount());
        n.lastTime = Math.max(s.lastTime, t);
        // keep entries younger than 24 h relative to the newest time seen, in time order
        long horizon = n.lastTime - DAY_MS;
        int keep = 0;
        for (long rt : s.recentTimes) {
            keep += rt > horizon ? 1 : 0;
        }
        long[] times = new long[keep + 1];
        double[] amounts = new double[keep + 1];
        int j = 0;
        for (int i = 0; i < s.recentTimes.length; i++) {
            if (s.recentTimes[i] > horizon) {
                times[j] = s.recentTimes[i];
                amounts[j++] = s.recentAmounts[i];
            }
        }
        int pos = j;
        while (pos > 0 && times[pos - 1] > t) { // insertion keeps order for a late event
            times[pos] = times[pos - 1];
            amounts[pos] = amounts[pos - 1];
            pos--;
        }
        times[pos] = t;
        amounts[pos] = Math.max(0, txn.amount());
        if (times.length > AccountState.MAX_RECENT) {
            int drop = times.length - AccountState.MAX_RECENT;
            times = java.util.Arrays.copyOfRange(times, drop, times.length);
            amounts = java.util.Arrays.copyOfRange(amounts, drop, amounts.length);
        }
        n.recentTimes = times;
        n.recentAmounts = amounts;
        if (txn.counterpartyId() != null && !seen) {
            long[] c = java.util.Arrays.copyOf(s.counterparties, s.counterparties.length + 1);
            c[c.length - 1] = cp;
            if (c.length > AccountState.MAX_COUNTERPARTIES) {
                c = java.util.Arrays.copyOfRange(c, 1, c.length);
            }
            n.counterparties = c;
        }
        return n;
    }

    private static AmountState nextAmount(AmountState a, long t) {
        long newest = a.times.length == 0 ? t : Math.max(t, a.times[a.times.length - 1]);
        long[] kept = java.util.Arrays.stream(a.times).filter(x -> x > newest - HOUR_MS).toArray();
        long[] n = java.util.Arrays.copyOf(kept, kept.length + 1);
        n[kept.length] = t;
        java.util.Arrays.sort(n);
        if (n.length > AmountState.MAX) {
            n = java.util.Arrays.copyOfRange(n, n.length - AmountState.MAX, n.length);
        }
        AmountState out = new AmountState();
        out.times = n;
        return out;
    }

    /** 64-bit FNV-1a: stable across JVMs and releases (String.hashCode is only 32 bits). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
