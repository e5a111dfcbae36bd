package io.github.vcl.local.simulator;

import io.github.vcl.local.simulator.epayment.PaymentRefusedException;

/** The person paying: acts on a Checkout session or ePayment payment as they would in the Vipps app. */
public final class SimulatedCustomer {

    private final SimulatorState state;

    SimulatedCustomer(SimulatorState state) {
        this.state = state;
    }

    /** Approves: payment AUTHORIZED, session PaymentSuccessful, Checkout callback sent. */
    public void approve(String reference) {
        act(() -> state.approve(reference));
    }

    /** Opens the payment page (or the app) and starts paying: the payment gets Vipps' payment window. */
    public void open(String reference) {
        act(() -> state.open(reference));
    }

    /** Rejects in the app: payment ABORTED, session PaymentTerminated, Checkout callback sent. */
    public void reject(String reference) {
        act(() -> state.reject(reference));
    }

    /** Closes the page and never returns: payment EXPIRED, session SessionExpired, no callback. */
    public void abandon(String reference) {
        act(() -> state.abandon(reference));
    }

    private static void act(Runnable action) {
        try {
            action.run();
        } catch (PaymentRefusedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
