package io.github.vcl.order;

/** The one-line status staff screens show, derived from session, payment state and aggregate. */
public enum OrderStatus {
    AWAITING_PAYMENT("awaiting payment"),
    SESSION_FAILED("could not start payment"),
    AUTHORIZED("authorized"),
    PARTIALLY_CAPTURED("partially captured"),
    CAPTURED("captured"),
    PARTIALLY_REFUNDED("partially refunded"),
    REFUNDED("refunded"),
    CANCELLED("cancelled"),
    ABORTED("stopped by customer"),
    EXPIRED("expired"),
    TERMINATED("cancelled before payment");

    private final String label;

    OrderStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static OrderStatus of(Order order) {
        Aggregate agg = order.aggregate();
        return switch (order.paymentState()) {
            // A session that expired while ePayment still says CREATED may yet be paid (the customer is in the app).
            case CREATED -> order.sessionState() == SessionState.FAILED ? SESSION_FAILED : AWAITING_PAYMENT;
            case ABORTED -> ABORTED;
            case EXPIRED -> EXPIRED;
            case TERMINATED -> TERMINATED;
            case AUTHORIZED -> {
                if (agg.refunded().isPositive()) {
                    yield agg.refundable().isZero() ? REFUNDED : PARTIALLY_REFUNDED;
                }
                if (agg.captured().isPositive()) {
                    yield agg.capturable().isZero() ? CAPTURED : PARTIALLY_CAPTURED;
                }
                yield agg.cancelled().isPositive() ? CANCELLED : AUTHORIZED;
            }
        };
    }
}
