package io.github.vcl.order;

import java.util.Locale;
import java.util.Optional;

/**
 * How much of an operation an order allows right now, or why none: the rules of ePayment capture, refund and cancel
 * applied to our stored aggregate before anything is sent. Refusals are written for the staff member who asked.
 */
public record OperationLimit(OperationType type, Money maximum, String refusal) {

    public static OperationLimit of(Order order, OperationType type) {
        Aggregate agg = order.aggregate();
        Money zero = Money.zero(order.currency());
        Optional<Operation> pending = order.pendingOperation();
        if (pending.isPresent()) {
            return new OperationLimit(type, zero, "A " + pending.get().type().keyWord() + " of "
                    + pending.get().amount() + " is still being processed; try again when it has finished.");
        }
        PaymentState state = order.paymentState();
        if (state != PaymentState.AUTHORIZED) {
            if (type == OperationType.CANCEL && state == PaymentState.CREATED
                    && order.sessionState() != SessionState.FAILED) {
                return new OperationLimit(type, order.amount(), null);
            }
            String why = state == PaymentState.CREATED
                    ? "The customer has not approved the payment, so nothing can be " + pastTense(type) + " yet."
                    : "The payment " + ended(state) + ", so nothing can be " + pastTense(type) + ".";
            return new OperationLimit(type, zero, why);
        }
        return switch (type) {
            case CAPTURE -> agg.capturable().isPositive()
                    ? new OperationLimit(type, agg.capturable(), null)
                    : new OperationLimit(type, zero, "Nothing is left to capture: " + agg.captured() + " captured and "
                    + agg.cancelled() + " cancelled of " + agg.authorized() + " reserved.");
            case REFUND -> agg.refundable().isPositive()
                    ? new OperationLimit(type, agg.refundable(), null)
                    : new OperationLimit(type, zero, agg.captured().isZero()
                    ? "Nothing has been captured, so nothing can be refunded. Cancel the reservation instead."
                    : "Everything captured (" + agg.captured() + ") has already been refunded.");
            case CANCEL -> agg.capturable().isPositive()
                    ? new OperationLimit(type, agg.capturable(), null)
                    : new OperationLimit(type, zero, agg.refundable().isPositive()
                    ? "Everything reserved has been captured, so nothing can be cancelled. Refund instead (up to "
                    + agg.refundable() + ")."
                    : "Nothing is left to cancel.");
        };
    }

    public boolean possible() {
        return refusal == null;
    }

    String pastTense() {
        return pastTense(type);
    }

    private static String pastTense(OperationType type) {
        return switch (type) {
            case CAPTURE -> "captured";
            case REFUND -> "refunded";
            case CANCEL -> "cancelled";
        };
    }

    private static String ended(PaymentState state) {
        return switch (state) {
            case ABORTED -> "was stopped by the customer";
            case EXPIRED -> "expired before the customer approved it";
            case TERMINATED -> "was cancelled before the customer approved it";
            default -> "is " + state.name().toLowerCase(Locale.ROOT);
        };
    }
}
