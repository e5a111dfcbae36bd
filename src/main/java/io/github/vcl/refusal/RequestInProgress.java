package io.github.vcl.refusal;

import java.time.Duration;

/**
 * An earlier request with the same Idempotency-Key is still being carried out (it may be waiting on Vipps right now):
 * answering it again now could do the work twice, so the caller retries with the same key after {@code retryAfter}
 * and then gets that request's answer.
 */
public final class RequestInProgress extends Refusal {
    private final Duration retryAfter;

    public RequestInProgress(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
