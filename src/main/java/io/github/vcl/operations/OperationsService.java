package io.github.vcl.operations;

import io.github.vcl.order.Money;
import io.github.vcl.order.Operation;
import io.github.vcl.order.OperationLimit;
import io.github.vcl.order.Order;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
import io.github.vcl.payment.OperationSender;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.refusal.AmountNotPossible;
import io.github.vcl.refusal.NotFound;
import io.github.vcl.refusal.NotPossibleNow;
import io.github.vcl.refusal.Refusal;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.vipps.VippsApiException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.function.Function;

/**
 * Capture, refund and cancel for staff and the shop server. The operation is checked against the stored order and
 * recorded — amount, Idempotency-Key, who asked — with one conditional write before Vipps hears of it; of two
 * requests racing on one order exactly one records its operation, the other is refused. Then it is sent, and Vipps'
 * answer recorded. When the answer stays open (timeout, 5xx, 423, 429) the operation stays recorded as pending and
 * the reconciler finishes it with the same key, so Vipps never moves the money twice.
 */
public class OperationsService {
    private static final Logger LOG = Logger.getLogger(OperationsService.class);

    private final OrderUpdater updater;
    private final OperationSender sender;
    private final PaymentPoller poller;
    private final Clock clock;

    public OperationsService(OrderUpdater updater, OperationSender sender, PaymentPoller poller, Clock clock) {
        this.updater = updater;
        this.sender = sender;
        this.poller = poller;
        this.clock = clock;
    }

    /** The order after the request, the operation as it stands, and what that means in words. */
    public record Outcome(Order order, Operation operation, String message) {
        public boolean finished() {
            return !operation.isPending();
        }
    }

    public Outcome request(Reference reference, OperationRequest request) {
        Function<Order, Transition> record = o -> o.requestOperation(request.type(),
                request.amount().map(minor -> Money.of(minor, request.currency().orElse(o.currency()))),
                request.requestedBy(), request.reason().orElse(null), clock.instant());
        OrderUpdater.Updated recorded = updater.update(reference, record)
                .orElseThrow(() -> new NotFound("No order has reference " + reference + "."));
        if (!recorded.transition().applied()) {
            throw refusal(recorded, request);
        }
        Order order = recorded.order();
        Operation op = order.pendingOperation().orElseThrow();
        LOG.infof("%s of %s for %s recorded with key %s", op.type(), op.amount(), reference, op.idempotencyKey());
        try {
            Order after = sender.send(order, op, Source.STAFF);
            Operation done = after.operations().stream()
                    .filter(o -> o.idempotencyKey().equals(op.idempotencyKey())).findFirst().orElseThrow();
            return new Outcome(after, done, "Vipps MobilePay confirmed the " + op.type().keyWord() + " of "
                    + op.amount() + ".");
        } catch (VippsApiException e) {
            if (e.isTransient()) {
                return new Outcome(order, op, VippsRefusals.pending(e, op));
            }
            catchUpWithVipps(order);
            throw VippsRefusals.refused(e, op);
        }
    }

    /** Our record was refused on a state Vipps knows better: read it from Vipps so the next try is checked right. */
    private void catchUpWithVipps(Order order) {
        try {
            poller.refresh(order, Source.POLL);
        } catch (VippsApiException e) {
            LOG.warnf("re-reading %s from Vipps failed: status %d, traceId %s", order.reference(), e.httpStatus(),
                    e.traceId().orElse("-"));
        }
    }

    /** 409 when the order allows no such operation now; 422 when it does, but not with this amount or currency. */
    private static Refusal refusal(OrderUpdater.Updated decided, OperationRequest request) {
        String reason = decided.transition().reason();
        if (!OperationLimit.of(decided.order(), request.type()).possible()) {
            return new NotPossibleNow(reason);
        }
        return new AmountNotPossible(reason);
    }
}
