package io.github.vcl.order;

import io.github.vcl.order.Transition.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static io.github.vcl.order.Orders.T0;
import static io.github.vcl.order.Orders.agg;
import static io.github.vcl.order.Orders.applied;
import static io.github.vcl.order.Orders.authorizedWith;
import static io.github.vcl.order.Orders.nok;
import static io.github.vcl.order.Orders.request;
import static io.github.vcl.order.Orders.withPayment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every (payment state, operation) pair, then the amount rules. */
class OperationTransitionTest {

    @ParameterizedTest(name = "{1} on {0} -> {2}")
    @CsvSource({
            "CREATED,    CAPTURE, REJECTED, 0",
            "CREATED,    REFUND,  REJECTED, 0",
            "CREATED,    CANCEL,  APPLIED,  55000",
            "AUTHORIZED, CAPTURE, APPLIED,  55000",
            "AUTHORIZED, REFUND,  REJECTED, 0",
            "AUTHORIZED, CANCEL,  APPLIED,  55000",
            "ABORTED,    CAPTURE, REJECTED, 0",
            "ABORTED,    REFUND,  REJECTED, 0",
            "ABORTED,    CANCEL,  REJECTED, 0",
            "EXPIRED,    CAPTURE, REJECTED, 0",
            "EXPIRED,    REFUND,  REJECTED, 0",
            "EXPIRED,    CANCEL,  REJECTED, 0",
            "TERMINATED, CAPTURE, REJECTED, 0",
            "TERMINATED, REFUND,  REJECTED, 0",
            "TERMINATED, CANCEL,  REJECTED, 0",
    })
    void everyStateOperationPair(PaymentState state, OperationType type, Outcome expected, long amount) {
        Order order = withPayment(state);
        Transition t = request(order, type, null);
        assertEquals(expected, t.outcome(), t.reason());
        if (expected == Outcome.APPLIED) {
            Operation op = t.order().pendingOperation().orElseThrow();
            assertEquals(type, op.type());
            assertEquals(nok(amount), op.amount());
            assertEquals(IdempotencyKeys.forOperation(order.reference(), type, 1), op.idempotencyKey());
            assertEquals(type == OperationType.CANCEL && state == PaymentState.CREATED, op.cancelTransactionOnly());
            assertEquals(HistoryEvent.OPERATION_REQUESTED, t.added().get(0).event());
            assertEquals("staff-1", op.requestedBy());
        } else {
            assertTrue(t.order().operations().isEmpty());
            assertFalse(t.reason().isBlank());
        }
    }

    @Test
    void twoPartialCapturesThenCancelOfTheRest() {
        Order order = authorizedWith(agg(100000, 0, 0, 0));
        order = capture(order, 30000, 1);
        order = capture(order, 20000, 2);
        assertEquals(OrderStatus.PARTIALLY_CAPTURED, order.status());
        Transition cancel = request(order, OperationType.CANCEL, null);
        Operation op = cancel.order().pendingOperation().orElseThrow();
        assertEquals(nok(50000), op.amount());
        Order done = applied(cancel.order().completeOperation(op.idempotencyKey(),
                Orders.seen(PaymentState.AUTHORIZED, agg(100000, 50000, 0, 50000))));
        assertEquals(OrderStatus.CAPTURED, done.status());
        Transition cancelAgain = request(done, OperationType.CANCEL, null);
        assertEquals("Everything reserved has been captured, so nothing can be cancelled. Refund instead (up to NOK 500.00).",
                cancelAgain.reason());
    }

    @Test
    void refundsUpToTheCapturedAmountThenSaysWhatIsLeft() {
        Order order = authorizedWith(agg(100000, 60000, 0, 0));
        assertEquals("Only NOK 600.00 can still be refunded.", request(order, OperationType.REFUND, 60001L).reason());
        order = refund(order, 35000, agg(100000, 60000, 35000, 0));
        assertEquals("Only NOK 250.00 can still be refunded.", request(order, OperationType.REFUND, 30000L).reason());
        order = refund(order, 25000, agg(100000, 60000, 60000, 0));
        assertEquals("Everything captured (NOK 600.00) has already been refunded.",
                request(order, OperationType.REFUND, 1L).reason());
    }

    @Test
    void captureOverTheReservationIsRefused() {
        Order order = authorizedWith(agg(100000, 40000, 0, 0));
        assertEquals("Only NOK 600.00 can still be captured.", request(order, OperationType.CAPTURE, 60001L).reason());
        assertEquals("The amount must be more than zero.", request(order, OperationType.CAPTURE, 0L).reason());
        Transition dkk = order.requestOperation(OperationType.CAPTURE, Optional.of(Money.of(100, Currency.DKK)),
                "staff", null, Optional.empty(), T0);
        assertEquals("This order is in NOK, not DKK.", dkk.reason());
        assertTrue(request(order, OperationType.CANCEL, 100L).reason().startsWith("A cancel always releases"));
    }

    @Test
    void oneOperationAtATime() {
        Order pending = applied(request(authorizedWith(agg(100000, 0, 0, 0)), OperationType.CAPTURE, 1000L));
        Transition second = request(pending, OperationType.CAPTURE, 1000L);
        assertEquals(Outcome.REJECTED, second.outcome());
        assertEquals("A capture of NOK 10.00 is still being processed; try again when it has finished.", second.reason());
    }

    @Test
    void aFailedOperationSpendsItsKeyAndKeepsTheError() {
        Order pending = applied(request(authorizedWith(agg(100000, 0, 0, 0)), OperationType.CAPTURE, 1000L));
        String key = pending.pendingOperation().orElseThrow().idempotencyKey();
        VippsError error = new VippsError(400, "6140", "trace-9", "Partial capture is not allowed", T0);
        Order failed = applied(pending.failOperation(key, error, Source.STAFF, T0));
        assertEquals(Operation.Status.FAILED, failed.operations().get(0).status());
        assertEquals(error, failed.lastError());
        assertEquals(Outcome.UNCHANGED, failed.failOperation(key, error, Source.RECONCILER, T0).outcome());
        Order retried = applied(request(failed, OperationType.CAPTURE, null));
        assertEquals(IdempotencyKeys.forOperation(failed.reference(), OperationType.CAPTURE, 2),
                retried.pendingOperation().orElseThrow().idempotencyKey());
    }

    /** Vipps is the truth for money: its confirmation counts, and its totals apply, whatever our record said. */
    @Test
    void aConfirmationFromVippsCountsEvenForAnOperationRecordedAsFailed() {
        Order pending = applied(request(authorizedWith(agg(100000, 0, 0, 0)), OperationType.CAPTURE, 1000L));
        String key = pending.pendingOperation().orElseThrow().idempotencyKey();
        Order failed = applied(pending.failOperation(key, new VippsError(409, null, "t", "conflict", T0),
                Source.RECONCILER, T0));
        Transition confirmed = failed.completeOperation(key, Orders.seen(PaymentState.AUTHORIZED,
                agg(100000, 1000, 0, 0)));
        assertEquals(Outcome.APPLIED, confirmed.outcome());
        assertEquals(Operation.Status.SUCCEEDED, confirmed.order().operations().get(0).status());
        assertEquals(1000, confirmed.order().aggregate().captured().minor());
        assertTrue(confirmed.added().get(0).detail().contains("recorded as failed before"),
                confirmed.added().get(0).detail());
    }

    @Test
    void completingTwiceIsHarmless() {
        Order order = capture(authorizedWith(agg(100000, 0, 0, 0)), 1000, 1);
        String key = order.operations().get(0).idempotencyKey();
        Transition again = order.completeOperation(key, Orders.seen(PaymentState.AUTHORIZED, agg(100000, 1000, 0, 0)));
        assertEquals(Outcome.UNCHANGED, again.outcome());
        assertEquals(Outcome.REJECTED, order.completeOperation("unknown-key",
                Orders.seen(PaymentState.AUTHORIZED, agg(100000, 1000, 0, 0))).outcome());
    }

    private static Order capture(Order order, long amount, int sequence) {
        Order pending = applied(request(order, OperationType.CAPTURE, amount));
        Operation op = pending.pendingOperation().orElseThrow();
        assertEquals(IdempotencyKeys.forOperation(order.reference(), OperationType.CAPTURE, sequence),
                op.idempotencyKey());
        Aggregate before = order.aggregate();
        Aggregate after = new Aggregate(before.authorized(), before.captured().plus(nok(amount)), before.refunded(),
                before.cancelled());
        Transition done = pending.completeOperation(op.idempotencyKey(), Orders.seen(PaymentState.AUTHORIZED, after));
        assertEquals(java.util.List.of(HistoryEvent.OPERATION_SUCCEEDED, HistoryEvent.CAPTURED),
                done.added().stream().map(HistoryEntry::event).toList());
        return applied(done);
    }

    private static Order refund(Order order, long amount, Aggregate after) {
        Order pending = applied(request(order, OperationType.REFUND, amount));
        return applied(pending.completeOperation(pending.pendingOperation().orElseThrow().idempotencyKey(),
                Orders.seen(PaymentState.AUTHORIZED, after)));
    }
}
