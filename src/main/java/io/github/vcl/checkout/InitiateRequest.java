package io.github.vcl.checkout;

import io.github.vcl.order.CustomerPrefill;
import io.github.vcl.order.NewOrder;
import io.github.vcl.order.ShippingOption;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shop server asks for: the cart, the shipping options Checkout offers, optional customer details to
 * prefill (personal data: passed to Vipps, never stored or logged), and the shop's optional Idempotency-Key with a
 * fingerprint of its request, so a retry returns the same session and a different request under the same key is
 * refused.
 */
public record InitiateRequest(NewOrder order, List<ShippingOption> shippingOptions, Optional<CustomerPrefill> customer,
                              Optional<String> idempotencyKey, String fingerprint) {

    public InitiateRequest {
        Objects.requireNonNull(order, "order");
        shippingOptions = List.copyOf(shippingOptions);
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
