package io.github.vcl.order;

import java.time.Instant;
import java.util.Objects;

/**
 * A capture, refund or cancel, recorded (PENDING, with its Idempotency-Key) before it is sent to Vipps, so that a
 * crash between sending and recording the answer is finished later with the same key. {@code requestKey}: the caller's
 * own Idempotency-Key, when it sent one.
 */
public record Operation(OperationType type, String idempotencyKey, Money amount, boolean cancelTransactionOnly,
                        Status status, String requestedBy, String reason, Instant requestedAt, Instant finishedAt,
                        VippsError failure, RequestKey requestKey) {

    public enum Status { PENDING, SUCCEEDED, FAILED }

    public Operation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    public boolean isPending() {
        return status == Status.PENDING;
    }

    Operation succeeded(Instant at) {
        return new Operation(type, idempotencyKey, amount, cancelTransactionOnly, Status.SUCCEEDED, requestedBy, reason,
                requestedAt, at, null, requestKey);
    }

    Operation failed(VippsError error, Instant at) {
        return new Operation(type, idempotencyKey, amount, cancelTransactionOnly, Status.FAILED, requestedBy, reason,
                requestedAt, at, error, requestKey);
    }
}
