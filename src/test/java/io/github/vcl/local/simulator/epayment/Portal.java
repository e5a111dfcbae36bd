package io.github.vcl.local.simulator.epayment;

import io.github.vcl.local.simulator.SimulatorState;

import java.util.UUID;

/**
 * The merchant portal: staff capture, refund or cancel a payment there, outside the merchant's own system. The same
 * rules and the same ledger as ePayment's capture, refund and cancel (docs/vipps-rules.md#epayment), each action with
 * its own Idempotency-Key in the event log, and the same webhooks (docs/vipps-rules.md#webhooks: portal actions emit
 * them too).
 */
public final class Portal {

    /**
     * What a portal action did.
     *
     * @param done      true when it moved money (or cancelled); false when the ePayment rules refused it
     * @param errorCode the ePayment error code of a refusal (6090, 6150, …), null when done
     */
    public record Result(boolean done, String idempotencyKey, String errorCode, String message) {
    }

    private final SimulatorState state;

    public Portal(SimulatorState state) {
        this.state = state;
    }

    public Result capture(String reference, long amount) {
        String key = key();
        return act(reference, key, p -> p.capture(amount, key, state.clock.instant()));
    }

    public Result refund(String reference, long amount) {
        String key = key();
        return act(reference, key, p -> p.refund(amount, key, state.clock.instant()));
    }

    /** Releases the uncaptured rest (before approval: terminates the payment). */
    public Result cancel(String reference) {
        String key = key();
        return act(reference, key, p -> p.cancel(false, key, state.clock.instant()));
    }

    private Result act(String reference, String key, java.util.function.Consumer<SimulatedPayment> action) {
        synchronized (state) {
            state.expireDue();
            SimulatedPayment payment = state.payments.get(reference);
            if (payment == null) {
                return new Result(false, key, "5090", "Reference not found");
            }
            try {
                action.accept(payment);
                return new Result(true, key, null, null);
            } catch (PaymentRefusedException e) {
                return new Result(false, key, e.errorCode, e.getMessage());
            }
        }
    }

    private static String key() {
        return "portal-" + UUID.randomUUID();
    }
}
