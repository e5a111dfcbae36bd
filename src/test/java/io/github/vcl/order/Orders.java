package io.github.vcl.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builds orders in a given state for model tests. */
public final class Orders {
    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final Reference REF = Reference.of("ACME-261125-K7QX2MZD-1");

    private Orders() {
    }

    static NewOrder cart() {
        return new NewOrder("shop-1001", Currency.NOK, List.of(
                new OrderLine("sku-1", "Coffee beans", 2, nok(25000), 1500, false),
                new OrderLine("ship", "Delivery", 1, nok(5000), 2500, true)),
                new PaymentDescription("Order shop-1001 at Acme"));
    }

    static Money nok(long minor) {
        return Money.of(minor, Currency.NOK);
    }

    static Aggregate agg(long authorized, long captured, long refunded, long cancelled) {
        return new Aggregate(nok(authorized), nok(captured), nok(refunded), nok(cancelled));
    }

    static PaymentObservation seen(PaymentState state, Aggregate aggregate) {
        return new PaymentObservation(state, aggregate, "psp-1", Source.POLL, T0.plusSeconds(60), true);
    }

    static final PaymentSession SESSION = PaymentSession.pending(Flow.CHECKOUT, "nonce-1", "callback-hash", "return-hash");

    static Order created() {
        return Order.create(cart(), REF, SESSION, Source.STOREFRONT, T0);
    }

    static Order sessionOpen() {
        return applied(created().sessionCreated("https://checkout.example/s/1", "jwt-1", Source.STOREFRONT, T0));
    }

    /** An order whose payment is in {@code state}; AUTHORIZED ones have 55000 reserved. */
    public static Order withPayment(PaymentState state) {
        if (state == PaymentState.CREATED) {
            return sessionOpen();
        }
        Aggregate aggregate = state == PaymentState.AUTHORIZED ? agg(55000, 0, 0, 0) : agg(0, 0, 0, 0);
        return applied(sessionOpen().observePayment(seen(state, aggregate)));
    }

    static Order authorizedWith(Aggregate aggregate) {
        return applied(sessionOpen().observePayment(seen(PaymentState.AUTHORIZED, aggregate)));
    }

    static Order applied(Transition transition) {
        if (!transition.applied()) {
            throw new AssertionError("expected APPLIED, was " + transition.outcome() + ": " + transition.reason());
        }
        return transition.order();
    }

    static Transition request(Order order, OperationType type, Long amount) {
        return order.requestOperation(type, Optional.ofNullable(amount).map(Orders::nok), "staff-1", null,
                Optional.empty(), T0.plusSeconds(120));
    }
}
