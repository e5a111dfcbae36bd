package io.github.vcl.vipps.ordermanagement.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The link shown in the Vipps app for an order. {@code category}: GENERAL | RECEIPT | ORDER_CONFIRMATION |
 * DELIVERY | TICKET | BOOKING.
 */
@RegisterForReflection
public record OrderCategory(String category, String orderDetailsUrl, String imageId) {

    public static OrderCategory of(String category, String orderDetailsUrl) {
        return new OrderCategory(category, orderDetailsUrl, null);
    }
}
