package io.github.vcl.store;

import io.github.vcl.order.Order;

/** An order from the reconciliation index, and its position there: a cursor that resumes right after it. */
public record PendingOrder(Order order, String position) {
}
