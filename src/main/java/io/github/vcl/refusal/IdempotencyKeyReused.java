package io.github.vcl.refusal;

/** The caller's Idempotency-Key was already used for a different request. */
public final class IdempotencyKeyReused extends Refusal {
    public IdempotencyKeyReused(String detail) {
        super(detail);
    }
}
