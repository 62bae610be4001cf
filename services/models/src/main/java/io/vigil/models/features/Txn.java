package io.vigil.models.features;

/**
 * The minimal transaction view the feature code needs (adapters from topic events come later).
 *
 * @param accountId whose history the features describe (PaySim: nameOrig; Sparkov: cc_num)
 * @param counterpartyId other side (PaySim: nameDest; Sparkov: merchant)
 * @param type PaySim type (TRANSFER, CASH_OUT, ...) or null
 * @param category Sparkov merchant category (grocery_pos, ...) or null
 * @param eventTimeMillis event time, epoch milliseconds (hour of day is taken in UTC)
 */
public record Txn(String accountId, String counterpartyId, double amount, String type, String category,
                  long eventTimeMillis) {}
