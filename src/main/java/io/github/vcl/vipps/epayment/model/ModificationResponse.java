package io.github.vcl.vipps.epayment.model;

import io.github.vcl.vipps.model.Aggregate;
import io.github.vcl.vipps.model.Amount;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of capture, refund and cancel. */
@RegisterForReflection
public record ModificationResponse(Amount amount, PaymentState state, Aggregate aggregate, String pspReference,
        String reference) {
}
