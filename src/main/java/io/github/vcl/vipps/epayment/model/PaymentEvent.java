package io.github.vcl.vipps.epayment.model;

import io.github.vcl.vipps.model.Amount;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/** One entry of the event log. Check {@code success}: listed events may have failed. */
@RegisterForReflection
public record PaymentEvent(
        String reference,
        String pspReference,
        PaymentEventName name,
        Amount amount,
        OffsetDateTime timestamp,
        String idempotencyKey,
        Boolean success) {
}
