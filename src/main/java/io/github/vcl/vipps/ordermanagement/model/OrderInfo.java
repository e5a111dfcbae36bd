package io.github.vcl.vipps.ordermanagement.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /order-management/v2/{paymentType}/{orderId}}: what Vipps has stored for an order. */
@RegisterForReflection
public record OrderInfo(OrderCategory category, Receipt receipt) {
}
