package io.github.vcl.vipps.checkout.model;

import io.github.vcl.vipps.model.Amount;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code reference}: 8-50 chars {@code [-a-zA-Z0-9]}; {@code paymentDescription}: 3-100 chars. */
@RegisterForReflection
public record PaymentTransaction(Amount amount, String reference, String paymentDescription,
        OrderSummary orderSummary) {
}
