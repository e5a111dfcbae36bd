package io.github.vcl.order;

import java.time.Instant;
import java.util.Objects;

/** What one signal (callback, poll, operation answer) says about the payment at Vipps. */
public record PaymentObservation(PaymentState state, Aggregate aggregate, String pspReference, Source source,
                                 Instant at) {
    public PaymentObservation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }
}
