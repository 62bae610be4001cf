package io.vigil.topics.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A payment transaction as posted or replayed ({@code transactions.raw}), before validation.
 *
 * @param counterpartyId destination account or merchant
 * @param amount         >= 0, exact decimal
 * @param currency       ISO 4217, 3 upper-case letters
 * @param type           PaySim's PAYMENT|TRANSFER|CASH_OUT|DEBIT|CASH_IN, or CARD
 * @param category       nullable Sparkov merchant category
 * @param groups         nullable fairness group attributes (gender, ageBand, state, citySize); never names or addresses
 * @param latitude       nullable
 * @param longitude      nullable
 * @param fraudLabel     nullable; labelled replays only, never a model input
 * @param balanceBefore  nullable, >= 0: the paying account's balance just before this transaction, as the bank
 *                       knows it when authorising (PaySim {@code oldbalanceOrg}); never a balance after it
 */
public record Transaction(String id, Instant eventTime, String source, int version,
                          String accountId, String counterpartyId, BigDecimal amount, String currency, String type,
                          String category, Map<String, String> groups, Double latitude, Double longitude,
                          Boolean fraudLabel, BigDecimal balanceBefore) implements Event {

    public Transaction {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(accountId, "accountId");
        Fields.required(counterpartyId, "counterpartyId");
        Fields.required(amount, "amount");
        Fields.required(currency, "currency");
        Fields.required(type, "type");
        groups = Fields.copy(groups);
    }

    /** Without {@code balanceBefore} (sources that do not know the balance). */
    public Transaction(String id, Instant eventTime, String source, int version,
                       String accountId, String counterpartyId, BigDecimal amount, String currency, String type,
                       String category, Map<String, String> groups, Double latitude, Double longitude,
                       Boolean fraudLabel) {
        this(id, eventTime, source, version, accountId, counterpartyId, amount, currency, type, category, groups,
                latitude, longitude, fraudLabel, null);
    }
}
