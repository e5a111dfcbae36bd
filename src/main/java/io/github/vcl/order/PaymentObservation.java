package io.github.vcl.order;

import java.time.Instant;
import java.util.Objects;

/**
 * What one signal (callback, poll, operation answer, webhook) says about the payment at Vipps. {@code byEPayment}:
 * ePayment's own word (a GET of the payment, an operation's answer, an ePayment webhook), the truth about the payment;
 * otherwise read from a Checkout session or inferred, which may name an unpaid ending less precisely.
 */
public record PaymentObservation(PaymentState state, Aggregate aggregate, String pspReference, Source source,
                                 Instant at, boolean byEPayment) {
    public PaymentObservation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }
}
