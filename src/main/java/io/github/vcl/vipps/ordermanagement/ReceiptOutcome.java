package io.github.vcl.vipps.ordermanagement;

/** What {@link OrderManagementClient#postReceipt} achieved: either way, the order has a receipt now. */
public enum ReceiptOutcome {
    CREATED,
    /** Vipps answered 409: a receipt already existed (posted earlier, e.g. by a call whose answer got lost). */
    ALREADY_EXISTED
}
