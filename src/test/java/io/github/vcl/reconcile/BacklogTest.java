package io.github.vcl.reconcile;

import io.github.vcl.order.Currency;
import io.github.vcl.order.Flow;
import io.github.vcl.order.Money;
import io.github.vcl.order.NewOrder;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderLine;
import io.github.vcl.order.Orders;
import io.github.vcl.order.PaymentDescription;
import io.github.vcl.order.PaymentSession;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a reconcile run reports as pending (the OrdersPending / OldestPendingAge and OperationsPending /
 * OldestOperationAge metrics and their alarms): an order only once the customer's time at Vipps is over — a Checkout
 * session's hour plus the payment's 10 minutes, an ePayment payment's 10 minutes — and an operation from its request.
 */
class BacklogTest {
    private static final Instant T0 = Orders.T0;
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void anUnpaidCheckoutOrderIsPendingOnlyAfterTheSessionsHourAndThePaymentsTime() {
        Order checkout = Orders.withPayment(PaymentState.CREATED);
        assertEquals(Flow.CHECKOUT, checkout.flow());
        Backlog justAfterTheHour = saw(checkout, ReconcileService.Result.UNCHANGED, T0.plus(Duration.ofMinutes(65)));
        assertEquals(0, justAfterTheHour.pending(), "the customer may still be approving in the app");
        Backlog later = saw(checkout, ReconcileService.Result.FAILED, T0.plus(Duration.ofMinutes(75)));
        assertEquals(1, later.pending());
        assertEquals(Duration.ofMinutes(5), later.oldestPending());
    }

    @Test
    void anUnpaidEPaymentOrderIsPendingAfterThePaymentsTime() {
        Order epayment = Order.create(new NewOrder("shop-2002", Currency.NOK, List.of(new OrderLine("sku-1",
                        "Coffee beans", 1, Money.of(25000, Currency.NOK), 1500, false)),
                        new PaymentDescription("Order shop-2002 at Acme")), Reference.of("ACME-261125-K7QX2MZE-1"),
                PaymentSession.pending(Flow.EPAYMENT, "nonce-2", "callback-hash", "return-hash"), Source.STOREFRONT,
                T0);
        Backlog backlog = new Backlog(HOUR);
        backlog.saw(epayment, ReconcileService.Result.UNCHANGED, T0.plus(Duration.ofMinutes(9)));
        assertEquals(0, backlog.pending());
        backlog.saw(epayment, ReconcileService.Result.UNCHANGED, T0.plus(Duration.ofMinutes(40)));
        assertEquals(1, backlog.pending());
        assertEquals(Duration.ofMinutes(30), backlog.oldestPending(), "pending for 30 minutes: the alarm's limit");
    }

    @Test
    void anOrderTheRunMovedOnOrThatWasPaidIsNotPending() {
        Instant late = T0.plus(Duration.ofHours(3));
        assertEquals(0, saw(Orders.withPayment(PaymentState.CREATED), ReconcileService.Result.CHANGED, late)
                .pending());
        assertEquals(0, saw(Orders.withPayment(PaymentState.AUTHORIZED), ReconcileService.Result.UNCHANGED, late)
                .pending());
        assertEquals(0, saw(Orders.withPayment(PaymentState.EXPIRED), ReconcileService.Result.UNCHANGED, late)
                .pending());
    }

    @Test
    void anOperationIsPendingFromItsRequestUntilVippsAnswers() {
        Instant requested = T0.plus(Duration.ofMinutes(2));
        Order capturing = Orders.withPayment(PaymentState.AUTHORIZED).requestOperation(OperationType.CAPTURE,
                Optional.empty(), "kari", "shipped", Optional.empty(), requested).order();
        Backlog backlog = saw(capturing, ReconcileService.Result.UNCHANGED, requested.plus(Duration.ofMinutes(11)));
        assertEquals(1, backlog.operations());
        assertEquals(Duration.ofMinutes(11), backlog.oldestOperation());
        assertEquals(0, saw(capturing, ReconcileService.Result.CHANGED, requested.plus(HOUR)).operations(),
                "finished by this run");
    }

    private static Backlog saw(Order order, ReconcileService.Result result, Instant now) {
        Backlog backlog = new Backlog(HOUR);
        backlog.saw(order, result, now);
        return backlog;
    }
}
