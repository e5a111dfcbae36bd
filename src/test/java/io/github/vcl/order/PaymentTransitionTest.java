package io.github.vcl.order;

import io.github.vcl.order.Transition.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.github.vcl.order.Orders.agg;
import static io.github.vcl.order.Orders.applied;
import static io.github.vcl.order.Orders.authorizedWith;
import static io.github.vcl.order.Orders.nok;
import static io.github.vcl.order.Orders.seen;
import static io.github.vcl.order.Orders.withPayment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every (payment state, observed payment state) pair, as ePayment reports it: its word renames an unpaid ending that
 * Checkout or our inference named less precisely.
 */
class PaymentTransitionTest {

    @ParameterizedTest(name = "{0} observed as {1} -> {2}")
    @CsvSource({
            "CREATED,    CREATED,    UNCHANGED",
            "CREATED,    AUTHORIZED, APPLIED",
            "CREATED,    ABORTED,    APPLIED",
            "CREATED,    EXPIRED,    APPLIED",
            "CREATED,    TERMINATED, APPLIED",
            "AUTHORIZED, CREATED,    UNCHANGED",
            "AUTHORIZED, AUTHORIZED, UNCHANGED",
            "AUTHORIZED, ABORTED,    REJECTED",
            "AUTHORIZED, EXPIRED,    REJECTED",
            "AUTHORIZED, TERMINATED, REJECTED",
            "ABORTED,    CREATED,    UNCHANGED",
            "ABORTED,    AUTHORIZED, REJECTED",
            "ABORTED,    ABORTED,    UNCHANGED",
            "ABORTED,    EXPIRED,    APPLIED",
            "ABORTED,    TERMINATED, APPLIED",
            "EXPIRED,    CREATED,    UNCHANGED",
            "EXPIRED,    AUTHORIZED, REJECTED",
            "EXPIRED,    ABORTED,    APPLIED",
            "EXPIRED,    EXPIRED,    UNCHANGED",
            "EXPIRED,    TERMINATED, APPLIED",
            "TERMINATED, CREATED,    UNCHANGED",
            "TERMINATED, AUTHORIZED, REJECTED",
            "TERMINATED, ABORTED,    APPLIED",
            "TERMINATED, EXPIRED,    APPLIED",
            "TERMINATED, TERMINATED, UNCHANGED",
    })
    void everyStatePair(PaymentState current, PaymentState observed, Outcome expected) {
        Order order = withPayment(current);
        Aggregate aggregate = observed == PaymentState.AUTHORIZED ? agg(55000, 0, 0, 0) : agg(0, 0, 0, 0);
        Transition t = order.observePayment(seen(observed, aggregate));
        assertEquals(expected, t.outcome(), t.reason());
        switch (expected) {
            case APPLIED -> {
                assertEquals(observed, t.order().paymentState());
                assertEquals(order.history().size() + 1, t.order().history().size());
                HistoryEntry last = t.added().get(0);
                assertEquals("PAYMENT_" + observed, last.event().name());
                assertEquals(Source.POLL, last.source());
                assertEquals("psp-1", last.pspReference());
            }
            case UNCHANGED, REJECTED -> {
                assertSame(order, t.order());
                assertTrue(t.added().isEmpty());
                assertTrue(t.reason() != null && !t.reason().isBlank());
            }
        }
    }

    @Test
    void aggregateGrowthBecomesHistoryWithTheMovedAmount() {
        Order order = authorizedWith(agg(55000, 0, 0, 0));
        Transition t = order.observePayment(seen(PaymentState.AUTHORIZED, agg(55000, 20000, 5000, 35000)));
        assertEquals(Outcome.APPLIED, t.outcome());
        assertEquals(List.of(HistoryEvent.CAPTURED, HistoryEvent.REFUNDED, HistoryEvent.CANCELLED),
                t.added().stream().map(HistoryEntry::event).toList());
        assertEquals(List.of(nok(20000), nok(5000), nok(35000)), t.added().stream().map(HistoryEntry::amount).toList());
        assertEquals(OrderStatus.PARTIALLY_REFUNDED, t.order().status());
    }

    @Test
    void aSlowerPollCannotTakeMoneyBack() {
        Order order = authorizedWith(agg(55000, 30000, 0, 0));
        Transition older = order.observePayment(seen(PaymentState.AUTHORIZED, agg(55000, 10000, 0, 0)));
        assertEquals(Outcome.UNCHANGED, older.outcome());
        assertEquals("older than what we know", older.reason());
        Transition duplicate = order.observePayment(seen(PaymentState.AUTHORIZED, agg(55000, 30000, 0, 0)));
        assertEquals(Outcome.UNCHANGED, duplicate.outcome());
        assertEquals("nothing new", duplicate.reason());
    }

    @Test
    void mixedOldAndNewComponentsKeepTheLargerOfEach() {
        Order order = authorizedWith(agg(55000, 30000, 0, 0));
        Transition t = order.observePayment(seen(PaymentState.AUTHORIZED, agg(55000, 20000, 10000, 0)));
        assertEquals(Outcome.APPLIED, t.outcome());
        assertEquals(agg(55000, 30000, 10000, 0), t.order().aggregate());
        assertEquals(List.of(HistoryEvent.REFUNDED), t.added().stream().map(HistoryEntry::event).toList());
    }

    /** Checkout's word does not rename an unpaid ending: ePayment may have named it already, and knows better. */
    @Test
    void anEndingReadFromCheckoutDoesNotRenameOne() {
        Order terminated = withPayment(PaymentState.TERMINATED);
        Transition t = terminated.observePayment(new PaymentObservation(PaymentState.ABORTED, agg(0, 0, 0, 0),
                null, Source.CALLBACK, Orders.T0.plusSeconds(90), false));
        assertEquals(Outcome.UNCHANGED, t.outcome(), t.reason());
        assertSame(terminated, t.order());
    }

    @Test
    void impossibleReportsAreRejectedWithAReason() {
        Order order = withPayment(PaymentState.CREATED);
        Transition otherCurrency = order.observePayment(new PaymentObservation(PaymentState.AUTHORIZED,
                Aggregate.zero(Currency.DKK), null, Source.POLL, Orders.T0, true));
        assertEquals(Outcome.REJECTED, otherCurrency.outcome());
        assertTrue(otherCurrency.reason().contains("DKK"));
        Transition moneyOnAbort = order.observePayment(seen(PaymentState.ABORTED, agg(100, 0, 0, 0)));
        assertEquals(Outcome.REJECTED, moneyOnAbort.outcome());
        Order authorized = authorizedWith(agg(55000, 30000, 0, 0));
        Transition overCaptured = authorized.observePayment(seen(PaymentState.AUTHORIZED, agg(55000, 0, 0, 40000)));
        assertEquals(Outcome.REJECTED, overCaptured.outcome());
        assertTrue(overCaptured.reason().contains("exceeds authorized"), overCaptured.reason());
    }

    @Test
    void firstPspReferenceIsKept() {
        Order order = withPayment(PaymentState.AUTHORIZED);
        Order later = applied(order.observePayment(new PaymentObservation(PaymentState.AUTHORIZED,
                agg(55000, 100, 0, 0), "psp-2", Source.CALLBACK, Orders.T0, false)));
        assertEquals("psp-1", later.pspReference());
        assertEquals("psp-2", later.history().get(later.history().size() - 1).pspReference());
    }

    @Test
    void derivedStatusFollowsTheAggregate() {
        assertEquals(OrderStatus.AUTHORIZED, authorizedWith(agg(1000, 0, 0, 0)).status());
        assertEquals(OrderStatus.PARTIALLY_CAPTURED, authorizedWith(agg(1000, 250, 0, 0)).status());
        assertEquals(OrderStatus.CAPTURED, authorizedWith(agg(1000, 250, 0, 750)).status());
        assertEquals(OrderStatus.CAPTURED, authorizedWith(agg(1000, 1000, 0, 0)).status());
        assertEquals(OrderStatus.PARTIALLY_REFUNDED, authorizedWith(agg(1000, 1000, 10, 0)).status());
        assertEquals(OrderStatus.REFUNDED, authorizedWith(agg(1000, 1000, 1000, 0)).status());
        assertEquals(OrderStatus.CANCELLED, authorizedWith(agg(1000, 0, 0, 1000)).status());
        assertEquals(OrderStatus.AWAITING_PAYMENT, withPayment(PaymentState.CREATED).status());
        assertEquals(OrderStatus.ABORTED, withPayment(PaymentState.ABORTED).status());
        assertEquals(OrderStatus.EXPIRED, withPayment(PaymentState.EXPIRED).status());
        assertEquals(OrderStatus.TERMINATED, withPayment(PaymentState.TERMINATED).status());
        assertEquals("partially captured", OrderStatus.PARTIALLY_CAPTURED.label());
    }
}
