package io.github.vcl.operations;

import io.github.vcl.order.Money;
import io.github.vcl.order.Operation;
import io.github.vcl.order.OperationLimit;
import io.github.vcl.order.Order;
import io.github.vcl.order.Reference;
import io.github.vcl.order.RequestKey;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
import io.github.vcl.payment.OperationSender;
import io.github.vcl.refusal.AmountNotPossible;
import io.github.vcl.refusal.IdempotencyKeyReused;
import io.github.vcl.refusal.NotFound;
import io.github.vcl.refusal.NotPossibleNow;
import io.github.vcl.refusal.Refusal;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.vipps.VippsApiException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;
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
    private final Clock clock;

    public OperationsService(OrderUpdater updater, OperationSender sender, Clock clock) {
        this.updater = updater;
        this.sender = sender;
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
                request.requestedBy(), request.reason().orElse(null), request.key(), clock.instant());
        OrderUpdater.Updated recorded = updater.update(reference, record)
                .orElseThrow(() -> new NotFound("No order has reference " + reference + "."));
        Order order = recorded.order();
        Optional<Operation> earlier = request.key().flatMap(order::operationFor);
        if (earlier.isPresent() && !recorded.transition().applied()) {
            return replay(order, earlier.get(), request.key().get());
        }
        if (!recorded.transition().applied()) {
            throw refusal(recorded, request);
        }
        Operation op = order.pendingOperation().orElseThrow();
        LOG.infof("%s of %s for %s recorded with key %s", op.type(), op.amount(), reference, op.idempotencyKey());
        Order after;
        try {
            after = sender.send(order, op, Source.STAFF);
        } catch (VippsApiException open) {
            return new Outcome(order, op, VippsRefusals.pending(open, op));
        }
        return outcome(after, after.operation(op.idempotencyKey()).orElseThrow());
    }

    /**
     * The same key again: the operation it started, as it stands now — never a second one, and Vipps is not called.
     * The same key with another request is refused.
     */
    private static Outcome replay(Order order, Operation op, RequestKey key) {
        if (!op.requestKey().sameRequest(key)) {
            throw new IdempotencyKeyReused("This Idempotency-Key was already used on order " + order.reference()
                    + " for another request (a " + op.type().keyWord() + " of " + op.amount() + "). Use a new key "
                    + "for a new request; nothing was changed.");
        }
        LOG.infof("%s for %s: a retry of the request that started %s, answered again", op.type(), order.reference(),
                op.idempotencyKey());
        if (op.isPending()) {
            return new Outcome(order, op, "This request was already received: the " + op.type().keyWord() + " of "
                    + op.amount() + " is recorded and is being completed with the same Vipps Idempotency-Key; do "
                    + "not send it again with a new key.");
        }
        return outcome(order, op);
    }

    /** A finished operation: confirmed, or refused by Vipps (its refusal, with Vipps' traceId). */
    private static Outcome outcome(Order order, Operation op) {
        if (op.status() == Operation.Status.FAILED) {
            throw VippsRefusals.refused(op);
        }
        return new Outcome(order, op, "Vipps MobilePay confirmed the " + op.type().keyWord() + " of " + op.amount()
                + ".");
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
