package io.github.vcl.checkout;

import io.github.vcl.order.Order;
import io.github.vcl.order.SessionState;

/** What the customer's return page shows: one word, nothing personal. */
public enum PaymentOutcome {
    PENDING, APPROVED, CANCELLED, EXPIRED, FAILED;

    public static PaymentOutcome of(Order order) {
        return switch (order.paymentState()) {
            case AUTHORIZED -> APPROVED;
            case ABORTED, TERMINATED -> CANCELLED;
            case EXPIRED -> EXPIRED;
            // Not final until ePayment says so: an expired session's payment may still be approved in the app.
            case CREATED -> order.sessionState() == SessionState.FAILED ? FAILED : PENDING;
        };
    }

    public boolean isFinal() {
        return this != PENDING;
    }
}
