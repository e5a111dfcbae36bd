package io.github.vcl.refusal;

import java.time.Duration;

/**
 * Vipps MobilePay did not answer in time (or was down, busy, rate limiting) and the request could not be finished
 * now; {@code retryAfter} says when trying again makes sense. The detail says what was kept.
 */
public final class VippsUnavailable extends Refusal {
    private final VippsTrace trace;
    private final Duration retryAfter;

    public VippsUnavailable(String detail, VippsTrace trace, Duration retryAfter) {
        super(detail);
        this.trace = trace;
        this.retryAfter = retryAfter;
    }

    public VippsTrace trace() {
        return trace;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
