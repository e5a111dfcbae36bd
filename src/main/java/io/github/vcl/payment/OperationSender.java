package io.github.vcl.payment;

import io.github.vcl.order.Operation;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentObservation;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
import io.github.vcl.order.VippsError;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.epayment.model.ModificationResponse;
import io.github.vcl.vipps.epayment.model.Payment;
import io.github.vcl.vipps.model.Amount;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends a recorded capture, refund or cancel to Vipps with its own Idempotency-Key and records what happened, with
 * Vipps' own record as the truth: a confirmation is recorded with the totals it shows; a refusal is recorded as a
 * failure only once Vipps' event log shows no success under that key (and the payment is re-read, so our totals
 * catch up with what Vipps knows). When the outcome stays open (no answer, 5xx, 423, 429) the operation stays
 * pending; sending again later is safe, as Vipps answers a repeated key with the original result.
 */
public class OperationSender {
    private static final Logger LOG = Logger.getLogger(OperationSender.class);

    private final EPaymentClient epayment;
    private final OrderUpdater updater;
    private final Clock clock;

    public OperationSender(EPaymentClient epayment, OrderUpdater updater, Clock clock) {
        this.epayment = epayment;
        this.updater = updater;
        this.clock = clock;
    }

    /**
     * Sends the operation; the order after the outcome was recorded (the operation SUCCEEDED or FAILED). Throws the
     * {@link VippsApiException} of an open outcome, the operation still pending.
     */
    public Order send(Order order, Operation op, Source source) {
        String reference = order.reference().value();
        IdempotencyKey key = IdempotencyKey.of(op.idempotencyKey());
        ModificationResponse answer;
        try {
            Amount amount = Amount.of(op.amount().minor(), op.amount().currency().name());
            answer = switch (op.type()) {
                case CAPTURE -> epayment.capture(reference, amount, key);
                case REFUND -> epayment.refund(reference, amount, key);
                case CANCEL -> epayment.cancel(reference, op.cancelTransactionOnly(), key);
            };
        } catch (VippsApiException e) {
            LOG.warnf("%s of %s for %s: status %d, code %s, traceId %s", op.type(), op.amount(), reference,
                    e.httpStatus(), e.errorCode().orElse("-"), e.traceId().orElse("-"));
            if (e.isTransient()) {
                throw e;
            }
            return settle(order, op, source, Optional.of(e));
        }
        PaymentObservation seen = VippsSignals.modification(answer, order.currency(), source, clock.instant())
                .orElseThrow(() -> new IllegalStateException("Vipps answered an unknown payment state"));
        return record(order, op, o -> o.completeOperation(op.idempotencyKey(), seen));
    }

    /**
     * Finishes an operation whose answer was lost (a crash, a timeout): if Vipps' event log already shows it, records
     * it without sending again; otherwise sends it again with its own key.
     */
    public Order finish(Order order, Operation op, Source source) {
        Optional<Order> known = settleIfDone(order, op, source);
        return known.orElseGet(() -> send(order, op, source));
    }

    /** After a refusal: succeeded if Vipps' event log shows it under our key, else failed with Vipps' error. */
    private Order settle(Order order, Operation op, Source source, Optional<VippsApiException> refusal) {
        return settleIfDone(order, op, source).orElseGet(() -> {
            VippsApiException e = refusal.orElseThrow();
            Instant at = clock.instant();
            VippsError error = new VippsError(e.httpStatus(), e.errorCode().orElse(null), e.traceId().orElse(null),
                    e.staffMessage(), at);
            Payment now = epayment.getPayment(order.reference().value());
            Optional<PaymentObservation> seen = VippsSignals.payment(now, order.currency(), source, at);
            return record(order, op, o -> o.failOperation(op.idempotencyKey(), error, source, at)
                    .andThen(failed -> seen.map(failed::observePayment).orElseGet(() -> Transition.none(failed))));
        });
    }

    private Optional<Order> settleIfDone(Order order, Operation op, Source source) {
        String reference = order.reference().value();
        boolean done = epayment.getEventLog(reference).stream().anyMatch(event ->
                op.idempotencyKey().equals(event.idempotencyKey()) && Boolean.TRUE.equals(event.success()));
        if (!done) {
            return Optional.empty();
        }
        PaymentObservation seen = VippsSignals.payment(epayment.getPayment(reference), order.currency(), source,
                clock.instant()).orElseThrow(() -> new IllegalStateException("Vipps reports an unknown payment state"));
        LOG.infof("%s of %s for %s: Vipps' event log shows it done under key %s", op.type(), op.amount(), reference,
                op.idempotencyKey());
        return Optional.of(record(order, op, o -> o.completeOperation(op.idempotencyKey(), seen)));
    }

    private Order record(Order order, Operation op, Function<Order, Transition> signal) {
        OrderUpdater.Updated recorded = updater.update(order.reference(), signal).orElseThrow();
        LOG.infof("%s of %s for %s: %s", op.type(), op.amount(), order.reference(), recorded.transition().outcome());
        return recorded.order();
    }
}
