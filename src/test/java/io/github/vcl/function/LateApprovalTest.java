package io.github.vcl.function;

import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.checkout.PaymentOutcome;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderStatus;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.SessionState;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Await;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.checkout.model.CheckoutSessionState;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The finding: a Checkout "SessionExpired" (or 404) ended an order as EXPIRED although ePayment still said CREATED —
 * the customer was approving in the app — and the late approval was lost unless its callback arrived. Sessions last
 * three seconds here; the customer starts paying inside one and approves after it, with the callback lost.
 */
@QuarkusTest
@TestProfile(FunctionProfile.ShortSessions.class)
class LateApprovalTest extends FunctionTest {
    @Inject
    CheckoutService checkout;
    @Inject
    OrderStore store;
    @Inject
    CheckoutClient checkoutClient;

    @Test
    void anApprovalAfterTheSessionEndedButInsideVippsPaymentWindowIsNotLost() throws Exception {
        CheckoutService.Started started = checkout.initiate(Carts.request(Carts.newShopOrderId()));
        Reference reference = started.reference();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(started.redirectUrl())).build(),
                HttpResponse.BodyHandlers.discarding()); // the customer opens the page and starts paying
        Await.until(() -> checkoutClient.getSession(reference.value()).orElseThrow().sessionState(),
                state -> state == CheckoutSessionState.SESSION_EXPIRED, "Checkout to end the session");

        ReconcileFunctionTest.reconcile();
        Order waiting = store.find(reference).orElseThrow();
        assertEquals(SessionState.EXPIRED, waiting.sessionState(), "Checkout says the session is over");
        assertEquals(PaymentState.CREATED, waiting.paymentState(), "ePayment says the payment is not");
        assertEquals(OrderStatus.AWAITING_PAYMENT, waiting.status());
        assertEquals(PaymentOutcome.PENDING, PaymentOutcome.of(waiting), "the return page keeps waiting");
        assertTrue(waiting.needsAttention(), "still followed every run");

        world().simulator().faults().callbacks().dropNext(1);
        world().simulator().customer().approve(reference.value());
        ReconcileFunctionTest.reconcile();
        assertEquals(PaymentState.AUTHORIZED, store.find(reference).orElseThrow().paymentState());
    }
}
