package io.github.vcl.checkout;

import io.github.vcl.order.Order;

/** What the customer's return page shows: one word, nothing personal. */
public enum PaymentOutcome {
    PENDING, APPROVED, CANCELLED, EXPIRED, FAILED;

    public static PaymentOutcome of(Order order) {
        return switch (order.paymentState()) {
            case AUTHORIZED -> APPROVED;
            case ABORTED, TERMINATED -> CANCELLED;
            case EXPIRED -> EXPIRED;
            case CREATED -> switch (order.sessionState()) {
                case FAILED -> FAILED;
                case EXPIRED -> EXPIRED;
                case CREATING, CREATED, COMPLETED -> PENDING;
            };
        };
    }

    public boolean isFinal() {
        return this != PENDING;
    }
}
