package io.github.vcl.vipps.checkout.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Checkout {@code sessionState}. Unknown future values read as {@link #UNKNOWN} (keep polling, log). */
@RegisterForReflection
public enum CheckoutSessionState {
    @JsonProperty("SessionCreated") SESSION_CREATED,
    /** Older name of SessionCreated, still seen on old sessions. */
    @JsonProperty("SessionStarted") SESSION_STARTED,
    @JsonProperty("PaymentInitiated") PAYMENT_INITIATED,
    @JsonProperty("SessionExpired") SESSION_EXPIRED,
    @JsonProperty("PaymentSuccessful") PAYMENT_SUCCESSFUL,
    @JsonProperty("PaymentTerminated") PAYMENT_TERMINATED,
    @JsonEnumDefaultValue UNKNOWN
}
