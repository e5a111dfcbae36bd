package io.github.vcl.vipps.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public enum QuantityUnit {
    PCS, KG, KM, MINUTE, LITRE, KWH,
    /** A value this code does not know yet; never sent. */
    @JsonEnumDefaultValue
    UNKNOWN
}
