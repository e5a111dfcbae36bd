package io.github.vcl.local.simulator.epayment;

import java.time.Instant;
import java.util.List;

/**
 * One payment as the simulator's ledger holds it at one moment: what a test compares the merchant's records with.
 *
 * @param returnUrl where the customer is sent back to (the Checkout session's or the ePayment request's); null if none
 * @param events    the payment's event log, oldest first: every money movement with the Idempotency-Key it came with
 */
public record PaymentSnapshot(String reference, SimulatedPayment.State state, String currency, long amount,
        long captured, long refunded, long cancelled, Instant expiresAt, boolean checkout, String returnUrl,
        List<PaymentEvent> events) {

    /** What ePayment's aggregate reports as authorized: the amount while AUTHORIZED, else nothing. */
    public long authorized() {
        return state == SimulatedPayment.State.AUTHORIZED ? amount : 0;
    }

    /** What may still be captured. */
    public long capturable() {
        return state == SimulatedPayment.State.AUTHORIZED ? amount - captured - cancelled : 0;
    }
}
