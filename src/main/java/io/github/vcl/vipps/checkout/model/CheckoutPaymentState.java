package io.github.vcl.vipps.checkout.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code paymentDetails.state} of a Checkout session. */
@RegisterForReflection
public enum CheckoutPaymentState {
    CREATED, AUTHORIZED, TERMINATED,
    @JsonEnumDefaultValue UNKNOWN
}
