package io.github.vcl.order;

import java.util.Objects;

/**
 * One cart line. Prices include tax; {@code taxRate} is in hundredths of a percent (2500 = 25 %), as Vipps expects.
 * Tax is derived from the gross total with half-up rounding in whole minor units.
 */
public record OrderLine(String id, String name, long quantity, Money unitPrice, int taxRate, boolean shipping) {
    public static final int MAX_TAX_RATE = 10_000;

    public OrderLine {
        Objects.requireNonNull(unitPrice, "unitPrice");
        Text.require("id", id, 1, 255);
        Text.require("name", name, 1, 2048);
        if (quantity < 1 || quantity > 1_000_000) {
            throw new InvalidOrderException("quantity", "must be between 1 and 1000000, was " + quantity);
        }
        if (taxRate < 0 || taxRate > MAX_TAX_RATE) {
            throw new InvalidOrderException("taxRate", "must be between 0 and 10000 (hundredths of a percent), was " + taxRate);
        }
        if (unitPrice.minor() > Currency.MAXIMUM_PAYMENT_MINOR
                || unitPrice.minor() * quantity > Currency.MAXIMUM_PAYMENT_MINOR) {
            // Both factors are bounded (quantity ≤ 10^6), so the product fits a long; every sum stays far below.
            throw new InvalidOrderException("unitPrice", "makes a line total above the largest payment Vipps "
                    + "MobilePay accepts, " + Money.of(Currency.MAXIMUM_PAYMENT_MINOR, unitPrice.currency()));
        }
    }

    public Money totalAmount() {
        return unitPrice.times(quantity);
    }

    public Money totalAmountExcludingTax() {
        long gross = totalAmount().minor();
        long divisor = MAX_TAX_RATE + taxRate;
        long net = Math.addExact(Math.multiplyExact(gross, MAX_TAX_RATE), divisor / 2) / divisor;
        return Money.of(net, unitPrice.currency());
    }

    public Money totalTaxAmount() {
        return totalAmount().minus(totalAmountExcludingTax());
    }
}
