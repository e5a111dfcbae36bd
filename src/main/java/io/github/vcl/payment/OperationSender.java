package io.github.vcl.payment;

import io.github.vcl.order.Operation;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentObservation;
import io.github.vcl.order.Source;
import io.github.vcl.order.VippsError;
import io.github.vcl.payment.VippsSignals;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.epayment.model.ModificationResponse;
import io.github.vcl.vipps.model.Amount;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Sends a recorded capture, refund or cancel to Vipps with its own Idempotency-Key and records the answer. Sending
 * again after a crash or timeout is safe: Vipps answers a repeated key with the original result. When the outcome
 * stays unknown (no answer, 5xx, 423, 429) the operation stays pending for the reconciler.
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

    /** The order after Vipps' answer was recorded; throws the Vipps error after recording a refusal. */
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
            LOG.warnf("%s of %s for %s failed: status %d, code %s, traceId %s", op.type(), op.amount(), reference,
                    e.httpStatus(), e.errorCode().orElse("-"), e.traceId().orElse("-"));
            if (!e.isTransient()) {
                VippsError error = new VippsError(e.httpStatus(), e.errorCode().orElse(null),
                        e.traceId().orElse(null), e.staffMessage(), clock.instant());
                updater.update(order.reference(), o -> o.failOperation(op.idempotencyKey(), error, source,
                        clock.instant()));
            }
            throw e;
        }
        Instant at = clock.instant();
        PaymentObservation seen = VippsSignals.modification(answer, order.currency(), source, at)
                .orElseThrow(() -> new IllegalStateException("Vipps answered an unknown payment state"));
        OrderUpdater.Updated recorded = updater.update(order.reference(),
                o -> o.completeOperation(op.idempotencyKey(), seen)).orElseThrow();
        LOG.infof("%s of %s for %s done: %s", op.type(), op.amount(), reference, recorded.transition().outcome());
        return recorded.order();
    }
}
