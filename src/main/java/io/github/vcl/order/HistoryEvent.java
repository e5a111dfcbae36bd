package io.github.vcl.order;

/** What an order history entry records. */
public enum HistoryEvent {
    ORDER_CREATED,
    SESSION_CREATED, SESSION_FAILED, SESSION_COMPLETED, SESSION_EXPIRED,
    PAYMENT_AUTHORIZED, PAYMENT_ABORTED, PAYMENT_EXPIRED, PAYMENT_TERMINATED,
    CAPTURED, REFUNDED, CANCELLED,
    OPERATION_REQUESTED, OPERATION_SUCCEEDED, OPERATION_FAILED,
    /** The order's link (and, where Checkout filed none, its receipt) are in the customer's Vipps payment history. */
    PAYMENT_HISTORY_FILED,
    /** A newer payment attempt for the same shop order replaced this one. */
    SUPERSEDED;

    static HistoryEvent paymentReached(PaymentState state) {
        return switch (state) {
            case AUTHORIZED -> PAYMENT_AUTHORIZED;
            case ABORTED -> PAYMENT_ABORTED;
            case EXPIRED -> PAYMENT_EXPIRED;
            case TERMINATED -> PAYMENT_TERMINATED;
            case CREATED -> throw new IllegalArgumentException("CREATED is where a payment starts, not a change");
        };
    }

    static HistoryEvent sessionReached(SessionState state) {
        return switch (state) {
            case CREATED -> SESSION_CREATED;
            case FAILED -> SESSION_FAILED;
            case COMPLETED -> SESSION_COMPLETED;
            case EXPIRED -> SESSION_EXPIRED;
            case CREATING -> throw new IllegalArgumentException("CREATING is where a session starts, not a change");
        };
    }
}
