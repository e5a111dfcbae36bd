package io.github.vcl.vipps.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One order line, the same shape in Checkout {@code orderSummary} and Order Management receipts. Amounts in minor
 * units; {@code taxRate} in hundredths of a percent (2500 = 25 %). {@code taxPercentage} (0-100) is deprecated but
 * still required by older Checkout spec versions.
 */
@RegisterForReflection
public record VippsOrderLine(
        String name,
        String id,
        long totalAmount,
        long totalAmountExcludingTax,
        long totalTaxAmount,
        Integer taxRate,
        Integer taxPercentage,
        UnitInfo unitInfo,
        Long discount,
        String productUrl,
        @JsonProperty("isReturn") Boolean isReturn,
        @JsonProperty("isShipping") Boolean isShipping) {

    /** A line with {@code taxRate} and, when the rate is a whole percent, the deprecated {@code taxPercentage}. */
    public static VippsOrderLine of(String id, String name, long totalAmount, long totalAmountExcludingTax,
            long totalTaxAmount, int taxRate, UnitInfo unitInfo) {
        Integer percentage = taxRate % 100 == 0 ? taxRate / 100 : null;
        return new VippsOrderLine(name, id, totalAmount, totalAmountExcludingTax, totalTaxAmount, taxRate, percentage,
                unitInfo, null, null, null, null);
    }

    public VippsOrderLine asShipping() {
        return new VippsOrderLine(name, id, totalAmount, totalAmountExcludingTax, totalTaxAmount, taxRate, taxPercentage,
                unitInfo, discount, productUrl, isReturn, Boolean.TRUE);
    }

    public VippsOrderLine withDiscount(long discount) {
        return new VippsOrderLine(name, id, totalAmount, totalAmountExcludingTax, totalTaxAmount, taxRate, taxPercentage,
                unitInfo, discount, productUrl, isReturn, isShipping);
    }

    public VippsOrderLine withProductUrl(String productUrl) {
        return new VippsOrderLine(name, id, totalAmount, totalAmountExcludingTax, totalTaxAmount, taxRate, taxPercentage,
                unitInfo, discount, productUrl, isReturn, isShipping);
    }
}
