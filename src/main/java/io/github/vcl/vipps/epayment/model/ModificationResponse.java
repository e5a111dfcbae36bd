package io.github.vcl.vipps.epayment.model;

import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.model.VippsAggregate;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of capture, refund and cancel. */
@RegisterForReflection
public record ModificationResponse(Amount amount, EPaymentState state, VippsAggregate aggregate, String pspReference,
        String reference) {
}
