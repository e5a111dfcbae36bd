package io.github.vcl.vipps.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code quantity} is a decimal string (e.g. {@code "2"}, {@code "0.822"}), never a float. */
@RegisterForReflection
public record UnitInfo(Long unitPrice, String quantity, QuantityUnit quantityUnit) {

    public static UnitInfo pieces(long unitPrice, long quantity) {
        return new UnitInfo(unitPrice, Long.toString(quantity), QuantityUnit.PCS);
    }
}
