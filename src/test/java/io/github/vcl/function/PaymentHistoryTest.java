package io.github.vcl.function;

import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.order.PaymentSession;
import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.HistoryEvent;
import io.github.vcl.order.Order;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.CheckoutWorld;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.epayment.model.CreatePaymentRequest;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.ordermanagement.OrderManagementClient;
import io.github.vcl.vipps.ordermanagement.model.OrderInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After authorization the reconciler files the order in the customer's Vipps payment history (Order Management):
 * the order-details link always, a receipt only where Vipps has none — exactly once, also across failures.
 */
@QuarkusTest
@TestProfile(FunctionProfile.Reconcile.class)
class PaymentHistoryTest extends FunctionTest {
    @Inject
    CheckoutService checkout;
    @Inject
    OrderStore store;
    @Inject
    EPaymentClient epayment;
    @Inject
    OrderManagementClient orderManagement;

    private static List<RecordedRequest> orderManagementCalls(Reference reference) {
        return world().simulator().requests().stream()
                .filter(r -> r.path().startsWith("/order-management/") && r.path().endsWith("/" + reference))
                .toList();
    }

    private static long calls(List<RecordedRequest> requests, String method, String pathPart) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).count();
    }

    private static long filings(Order order) {
        return order.history().stream().map(HistoryEntry::event)
                .filter(e -> e == HistoryEvent.PAYMENT_HISTORY_FILED).count();
    }

    @Test
    void anAuthorizedCheckoutOrderGetsItsLinkOnceAndKeepsTheReceiptCheckoutFiled() throws Exception {
        String shopOrderId = Carts.newShopOrderId();
        Reference reference = checkout.initiate(Carts.request(shopOrderId)).reference();
        world().simulator().customer().approve(reference.value());
        ReconcileFunctionTest.reconcile(); // sees the authorization
        assertEquals(0, filings(store.find(reference).orElseThrow()), "one step per order and run");
        ReconcileFunctionTest.reconcile(); // files it

        Order order = store.find(reference).orElseThrow();
        assertEquals(1, filings(order));
        assertFalse(order.needsAttention(), "only followed now, at a slower cadence");
        List<RecordedRequest> calls = orderManagementCalls(reference);
        assertEquals(1, calls(calls, "PUT", "/categories/"));
        assertEquals(0, calls(calls, "POST", "/receipts/"), "Checkout filed the receipt from orderSummary");

        ReconcileFunctionTest.reconcile();
        assertEquals(calls.size(), orderManagementCalls(reference).size(), "nothing filed twice");
        OrderInfo filed = orderManagement.getOrder(reference.value()).orElseThrow();
        assertEquals(CheckoutWorld.ORDER_DETAILS_URL_TEMPLATE.replace("{shopOrderId}", shopOrderId),
                filed.category().orderDetailsUrl());
        assertEquals("ORDER_CONFIRMATION", filed.category().category());
        assertNotNull(filed.receipt());
    }

    /** An order whose session carried no orderSummary (here: its payment was made without one). */
    @Test
    void anOrderWithoutOrderSummaryGetsOurReceiptExactlyOnceAcrossAFailure() throws Exception {
        Reference reference = Reference.of("test-261125-" + UUID.randomUUID().toString().substring(0, 8) + "-1");
        Instant now = Instant.now();
        Order created = store.create(Order.create(Carts.request(Carts.newShopOrderId()).order(), reference,
                PaymentSession.pending(io.github.vcl.order.Flow.CHECKOUT, "nonce", "callback-hash", "return-hash"), Source.STOREFRONT, now));
        store.apply(created.sessionCreated("https://vipps.example/session", "token", Source.STOREFRONT, now));
        epayment.createPayment(CreatePaymentRequest.webRedirect(Amount.nok(50000), reference.value(),
                "https://shop.example/return", "Order at Acme"), IdempotencyKey.of("create-" + reference));
        world().simulator().customer().approve(reference.value());
        world().simulator().faults().on(Operation.ADD_RECEIPT).forReference(reference.value()).respond(500).times(3);

        ReconcileFunctionTest.reconcile(); // sees the authorization
        ReconcileFunctionTest.reconcile(); // tries to file: Vipps fails three times
        Order failed = store.find(reference).orElseThrow();
        assertEquals(0, filings(failed));
        assertTrue(failed.needsReconciliation(), "the filing is left for the next run");

        ReconcileFunctionTest.reconcile();
        Order order = store.find(reference).orElseThrow();
        assertEquals(1, filings(order));
        assertEquals("order-details link, receipt posted", order.history().get(order.history().size() - 1).detail());
        assertFalse(order.needsAttention(), "only followed now, at a slower cadence");
        OrderInfo filed = orderManagement.getOrder(reference.value()).orElseThrow();
        assertEquals("Coffee beans", filed.receipt().orderLines().get(0).name());
        assertEquals(4, calls(orderManagementCalls(reference), "POST", "/receipts/"), "3 refused, 1 stored");
        assertTrue(world().simulator().violations().isEmpty(), world().simulator().violations().toString());
    }
}
