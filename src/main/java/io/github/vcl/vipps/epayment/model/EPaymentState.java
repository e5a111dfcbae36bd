package io.github.vcl.vipps.epayment.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * ePayment {@code state}. Stays AUTHORIZED after capture/refund/cancel: derive those from the aggregate.
 * New values read as {@link #UNKNOWN}.
 */
@RegisterForReflection
public enum EPaymentState {
    CREATED, ABORTED, EXPIRED, AUTHORIZED, TERMINATED,
    @JsonEnumDefaultValue UNKNOWN
}
