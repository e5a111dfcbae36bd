package io.github.vcl.function;

import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.HistoryEvent;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.SessionState;
import io.github.vcl.order.Source;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.CrashingOrderStore;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A Lambda that dies after Vipps created the session, before recording it: the next reconcile repairs the order. */
@QuarkusTest
@TestProfile(FunctionProfile.ReconcileAfterCrash.class)
class ReconcileAfterCrashTest extends FunctionTest {
    @Inject
    CheckoutService checkout;
    @Inject
    OrderStore store;

    @Test
    void theNextReconcileRepairsTheOrder() throws Exception {
        String shopOrderId = Carts.newShopOrderId();
        CrashingOrderStore.ARMED.set(true);
        assertThrows(IllegalStateException.class, () -> checkout.initiate(Carts.request(shopOrderId)));
        Order crashed = store.find(world().currentAttempt(shopOrderId)).orElseThrow();
        assertEquals(SessionState.CREATING, crashed.sessionState());

        ReconcileFunctionTest.reconcile();
        Order repaired = store.find(crashed.reference()).orElseThrow();
        assertEquals(SessionState.CREATED, repaired.sessionState());
        HistoryEntry last = repaired.history().get(repaired.history().size() - 1);
        assertEquals(Source.RECONCILER, last.source());

        world().simulator().faults().callbacks().dropNext(1);
        world().simulator().customer().approve(crashed.reference().value());
        ReconcileFunctionTest.reconcile();
        ReconcileFunctionTest.reconcile();
        Order paid = store.find(crashed.reference()).orElseThrow();
        assertEquals(PaymentState.AUTHORIZED, paid.paymentState());
        assertEquals(List.of(HistoryEvent.ORDER_CREATED, HistoryEvent.SESSION_CREATED, HistoryEvent.PAYMENT_AUTHORIZED,
                        HistoryEvent.PAYMENT_HISTORY_FILED),
                paid.history().stream().map(HistoryEntry::event).toList());
    }
}
