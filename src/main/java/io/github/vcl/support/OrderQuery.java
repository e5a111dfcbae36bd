package io.github.vcl.support;

import io.github.vcl.order.OrderStatus;
import io.github.vcl.order.Reference;

import java.time.Instant;
import java.util.Optional;

/**
 * A support search: any of reference, shop order id, status, and a creation-time range {@code [from, to)}; one page
 * of {@code limit} orders, continuing after {@code cursor}.
 */
public record OrderQuery(Optional<Reference> reference, Optional<String> shopOrderId, Optional<OrderStatus> status,
                         Optional<Instant> from, Optional<Instant> to, int limit, Optional<String> cursor) {
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 25;
}
