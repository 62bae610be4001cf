package io.vigil.models.features;

/**
 * The minimal transaction view the feature code needs.
 *
 * @param accountId whose history the features describe (PaySim: nameOrig; Sparkov: cc_num)
 * @param counterpartyId other side (PaySim: nameDest; Sparkov: merchant)
 * @param type PaySim type (TRANSFER, CASH_OUT, ...) or null
 * @param category Sparkov merchant category (grocery_pos, ...) or null
 * @param eventTimeMillis event time, epoch milliseconds (hour of day is taken in UTC)
 * @param balanceBefore the paying account's balance just before this transaction (known at authorisation;
 *                      PaySim oldbalanceOrg), or null when the source does not know it. Never an after-balance.
 */
public record Txn(String accountId, String counterpartyId, double amount, String type, String category,
                  long eventTimeMillis, Double balanceBefore) {

    /** A transaction whose balance before is unknown. */
    public Txn(String accountId, String counterpartyId, double amount, String type, String category, long eventTimeMillis) {
        this(accountId, counterpartyId, amount, type, category, eventTimeMillis, null);
    }
}
