package io.github.vcl.order;

/**
 * The ePayment state of the payment, as Vipps reports it. {@code CREATED} waits for the customer; the other four are
 * final. Vipps keeps {@code AUTHORIZED} after capture, refund and cancel: those show only in the {@link Aggregate}.
 */
public enum PaymentState {
    CREATED, AUTHORIZED, ABORTED, EXPIRED, TERMINATED;

    public boolean isFinal() {
        return this != CREATED;
    }
}
