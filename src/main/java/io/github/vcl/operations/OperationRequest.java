package io.github.vcl.operations;

import io.github.vcl.order.Currency;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.RequestKey;

import java.util.Optional;

/**
 * A capture, refund or cancel as staff or the shop server asked for it: {@code amount} in minor units (empty = all
 * that is possible now), the currency they meant (empty = the order's), a reason for the history, who asked, and the
 * caller's Idempotency-Key with a fingerprint of the request, when it sent one.
 */
public record OperationRequest(OperationType type, Optional<Long> amount, Optional<Currency> currency,
                               Optional<String> reason, String requestedBy, Optional<RequestKey> key) {
}
