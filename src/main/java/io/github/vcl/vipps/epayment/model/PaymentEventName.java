package io.github.vcl.vipps.epayment.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public enum PaymentEventName {
    CREATED, ABORTED, EXPIRED, CANCELLED, CAPTURED, REFUNDED, AUTHORIZED, TERMINATED,
    @JsonEnumDefaultValue UNKNOWN
}
