package io.github.vcl.order;

import io.github.vcl.order.Transition.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static io.github.vcl.order.Orders.T0;
import static io.github.vcl.order.Orders.applied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every (session state, session signal) pair. */
class SessionTransitionTest {
    private static final VippsError REFUSED = new VippsError(400, "Validation-00001", "trace-1",
            "Vipps refused the session", T0);

    static Order inSession(SessionState state) {
        Order creating = Orders.created();
        return switch (state) {
            case CREATING -> creating;
            case CREATED -> Orders.sessionOpen();
            case COMPLETED -> applied(Orders.sessionOpen().sessionCompleted(Source.CALLBACK, T0));
            case EXPIRED -> applied(Orders.sessionOpen().sessionExpired(Source.RECONCILER, T0));
            case FAILED -> applied(creating.sessionFailed(REFUSED, Source.STOREFRONT, T0));
        };
    }

    static Transition signal(Order order, SessionState signal) {
        Instant at = T0.plusSeconds(30);
        return switch (signal) {
            case CREATED -> order.sessionCreated("https://checkout.example/s/2", "jwt-2", Source.STOREFRONT, at);
            case FAILED -> order.sessionFailed(REFUSED, Source.STOREFRONT, at);
            case EXPIRED -> order.sessionExpired(Source.POLL, at);
            case COMPLETED -> order.sessionCompleted(Source.CALLBACK, at);
            case CREATING -> throw new IllegalArgumentException("not a signal");
        };
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "CREATING,  CREATED,   APPLIED",
            "CREATING,  FAILED,    APPLIED",
            "CREATING,  EXPIRED,   APPLIED",
            "CREATING,  COMPLETED, APPLIED",
            "CREATED,   CREATED,   UNCHANGED",
            "CREATED,   FAILED,    REJECTED",
            "CREATED,   EXPIRED,   APPLIED",
            "CREATED,   COMPLETED, APPLIED",
            "COMPLETED, CREATED,   UNCHANGED",
            "COMPLETED, FAILED,    REJECTED",
            "COMPLETED, EXPIRED,   UNCHANGED",
            "COMPLETED, COMPLETED, UNCHANGED",
            "EXPIRED,   CREATED,   UNCHANGED",
            "EXPIRED,   FAILED,    REJECTED",
            "EXPIRED,   EXPIRED,   UNCHANGED",
            "EXPIRED,   COMPLETED, APPLIED",
            "FAILED,    CREATED,   REJECTED",
            "FAILED,    FAILED,    UNCHANGED",
            "FAILED,    EXPIRED,   REJECTED",
            "FAILED,    COMPLETED, REJECTED",
    })
    void everyStateSignalPair(SessionState current, SessionState signal, Outcome expected) {
        Order order = inSession(current);
        Transition t = signal(order, signal);
        assertEquals(expected, t.outcome(), t.reason());
        if (expected == Outcome.APPLIED) {
            assertEquals(signal, t.order().sessionState());
            assertEquals(1, t.added().size());
            assertEquals("SESSION_" + signal, t.added().get(0).event().name());
            assertEquals(order.history().size() + 1, t.order().history().size());
            if (signal == SessionState.CREATED) {
                assertEquals("https://checkout.example/s/2", t.order().session().frontendUrl());
                assertEquals("jwt-2", t.order().session().sessionToken());
            }
        } else {
            assertSame(order, t.order());
            assertTrue(t.added().isEmpty());
            assertFalse(t.reason().isBlank());
        }
    }

    @Test
    void failureKeepsVippsTraceIdForStaff() {
        Order failed = inSession(SessionState.FAILED);
        assertEquals(REFUSED, failed.lastError());
        assertEquals(OrderStatus.SESSION_FAILED, failed.status());
        String detail = failed.history().get(1).detail();
        assertTrue(detail.contains("Validation-00001") && detail.contains("trace-1"), detail);
        assertFalse(failed.needsReconciliation());
    }

    @Test
    void reconciliationNeedFollowsWhatIsUnresolved() {
        assertTrue(inSession(SessionState.CREATING).needsReconciliation());
        assertTrue(inSession(SessionState.CREATED).needsReconciliation());
        Order authorized = Orders.withPayment(PaymentState.AUTHORIZED);
        assertTrue(authorized.needsReconciliation(), "until the payment history is filed");
        Order filed = applied(authorized.paymentHistoryFiled("order-details link", Source.RECONCILER, T0));
        assertFalse(filed.needsAttention());
        assertTrue(filed.needsReconciliation(), "followed while money is reserved: the portal may capture or cancel");
        assertTrue(filed.reservationOpen());
        assertEquals(Outcome.UNCHANGED, filed.paymentHistoryFiled("again", Source.RECONCILER, T0).outcome());
        assertFalse(Orders.withPayment(PaymentState.EXPIRED).needsReconciliation());
        assertTrue(inSession(SessionState.EXPIRED).needsReconciliation(),
                "a session past its hour may still have a payment the customer is approving: ePayment decides");
        Order capturing = applied(Orders.request(Orders.withPayment(PaymentState.AUTHORIZED), OperationType.CAPTURE,
                null));
        assertTrue(capturing.needsReconciliation());
    }

    @Test
    void chainedSignalsStopAtARejection() {
        Order open = Orders.sessionOpen();
        Transition both = open.sessionCompleted(Source.CALLBACK, T0)
                .andThen(o -> o.observePayment(Orders.seen(PaymentState.AUTHORIZED, Orders.agg(55000, 0, 0, 0))));
        assertEquals(Outcome.APPLIED, both.outcome());
        assertEquals(2, both.added().size());
        Transition again = both.order().sessionCompleted(Source.CALLBACK, T0)
                .andThen(o -> o.observePayment(Orders.seen(PaymentState.AUTHORIZED, Orders.agg(55000, 0, 0, 0))));
        assertEquals(Outcome.UNCHANGED, again.outcome());
        Transition contradicting = both.order().sessionCompleted(Source.CALLBACK, T0)
                .andThen(o -> o.observePayment(Orders.seen(PaymentState.TERMINATED, Orders.agg(0, 0, 0, 0))));
        assertEquals(Outcome.REJECTED, contradicting.outcome());
    }
}
