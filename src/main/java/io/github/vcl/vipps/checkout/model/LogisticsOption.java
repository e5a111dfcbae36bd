package io.github.vcl.vipps.checkout.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.vcl.vipps.model.Amount;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A shipping option; Vipps' schema is polymorphic on {@code brand}, one flat record covers all brands.
 * {@code amount} is required except for PORTERBUDDY; {@code title} is required for OTHER.
 * {@code type}: HOME_DELIVERY, PICKUP_POINT or MAILBOX, depending on the brand.
 */
@RegisterForReflection
public record LogisticsOption(
        String brand,
        String id,
        int priority,
        @JsonProperty("isDefault") boolean isDefault,
        String description,
        Amount amount,
        String type,
        String customType,
        String title,
        Integer taxRate) {

    public static LogisticsOption of(String brand, String id, int priority, boolean isDefault, Amount amount,
            String type, String description) {
        return new LogisticsOption(brand, id, priority, isDefault, description, amount, type, null, null, null);
    }

    public static LogisticsOption other(String id, String title, int priority, boolean isDefault, Amount amount,
            String description) {
        return new LogisticsOption("OTHER", id, priority, isDefault, description, amount, null, null, title, null);
    }
}
