package io.github.vcl.checkout;

import io.github.vcl.order.Money;
import io.github.vcl.order.NewOrder;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shop server asks for: the cart, the shipping options Checkout offers, optional customer details to
 * prefill (personal data: passed to Vipps, never stored or logged), and the shop's optional Idempotency-Key with a
 * fingerprint of its request, so a retry returns the same session and a different request under the same key is
 * refused.
 */
public record InitiateRequest(NewOrder order, List<ShippingOption> shippingOptions, Optional<Prefill> customer,
                              Optional<String> idempotencyKey, String fingerprint) {

    public InitiateRequest {
        Objects.requireNonNull(order, "order");
        shippingOptions = List.copyOf(shippingOptions);
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** A fixed shipping option; {@code brand} as Vipps names it (POSTEN, POSTNORD, HELTHJEM, …, OTHER). */
    public record ShippingOption(String id, String brand, String type, String title, String description, Money amount,
                                 int taxRate, boolean isDefault, int priority) {
    }

    /** Customer details to prefill in Checkout. */
    public record Prefill(String firstName, String lastName, String email, String phoneNumber, String streetAddress,
                          String city, String postalCode, String country) {
        @Override
        public String toString() {
            return "Prefill[***]";
        }
    }
}
