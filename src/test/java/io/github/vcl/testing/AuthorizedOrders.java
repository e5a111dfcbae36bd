package io.github.vcl.testing;

import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.order.Flow;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.refusal.VippsRefused;
import io.github.vcl.refusal.VippsUnavailable;
import io.github.vcl.store.OrderStore;

/**
 * Orders the customer approved, for tests of functions that start after payment: started with the checkout service,
 * approved on the simulator, and brought up to date by a poll (the callback function may not run in the test).
 */
public final class AuthorizedOrders {
    private final CheckoutService checkout;
    private final PaymentPoller poller;
    private final OrderStore store;

    public AuthorizedOrders(CheckoutService checkout, PaymentPoller poller, OrderStore store) {
        this.checkout = checkout;
        this.poller = poller;
        this.store = store;
    }

    /** A new order of NOK 500.00 ({@link Carts#request}), still waiting for the customer. */
    public Reference started(String shopOrderId) {
        return checkout.initiate(Carts.request(shopOrderId)).reference();
    }

    /**
     * A new order of NOK 500.00 as the setup of a test about something else, in a world whose Vipps timeouts are
     * short: on a loaded machine its session may not come back in time, so a fresh shop order is tried (twice more).
     */
    public static Reference startedForSetup(CheckoutService checkout, Flow flow) {
        for (int attempt = 1; ; attempt++) {
            try {
                return checkout.initiate(Carts.request(Carts.newShopOrderId(), flow)).reference();
            } catch (VippsUnavailable | VippsRefused slow) {
                if (attempt == 3) {
                    throw slow;
                }
            }
        }
    }

    /** A new order of NOK 500.00, authorized. */
    public Reference authorized() {
        return authorized(Flow.CHECKOUT);
    }

    /** A new order of NOK 500.00 in the given flow, authorized. */
    public Reference authorized(Flow flow) {
        return approve(startedForSetup(checkout, flow));
    }

    public Reference approve(Reference reference) {
        CheckoutWorld.current().simulator().customer().approve(reference.value());
        Order order = poller.refresh(store.find(reference).orElseThrow(), Source.POLL).order();
        if (order.paymentState() != PaymentState.AUTHORIZED) {
            throw new AssertionError(reference + " is " + order.paymentState() + " after approval");
        }
        return reference;
    }
}
