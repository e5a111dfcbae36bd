package io.github.vcl.order;

import java.util.Objects;
import java.util.Set;

/**
 * A fixed shipping option the customer may pick in Checkout. {@code brand} is the carrier as Vipps names it; an
 * {@code OTHER} carrier needs a {@code title}. Tax in hundredths of a percent, as on order lines.
 */
public record ShippingOption(String id, String brand, String type, String title, String description, Money amount,
                             int taxRate, boolean isDefault, int priority) {
    /** The carriers Checkout knows (its logistics option {@code brand}). */
    public static final Set<String> BRANDS = Set.of("POSTEN", "POSTNORD", "PORTERBUDDY", "HELTHJEM", "POSTI", "GLS",
            "DAO", "OTHER");

    public ShippingOption {
        Text.require("id", id, 1, 200);
        if (brand == null || !BRANDS.contains(brand)) {
            throw new InvalidOrderException("brand", "must be one of " + new java.util.TreeSet<>(BRANDS));
        }
        if ("OTHER".equals(brand)) {
            Text.require("title", title, 1, 200);
        }
        Objects.requireNonNull(amount, "amount");
        if (amount.minor() > Currency.MAXIMUM_PAYMENT_MINOR) {
            throw new InvalidOrderException("amount", "is above the largest payment Vipps MobilePay accepts, "
                    + Money.of(Currency.MAXIMUM_PAYMENT_MINOR, amount.currency()));
        }
        if (taxRate < 0 || taxRate > OrderLine.MAX_TAX_RATE) {
            throw new InvalidOrderException("taxRate", "must be between 0 and 10000 (hundredths of a percent), was "
                    + taxRate);
        }
        if (priority < 0) {
            throw new InvalidOrderException("priority", "must not be negative");
        }
    }
}
