package io.github.vcl.vipps.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Sums of a payment's money movements (ePayment and Checkout {@code paymentDetails}). */
@RegisterForReflection
public record VippsAggregate(Amount authorizedAmount, Amount cancelledAmount, Amount capturedAmount,
        Amount refundedAmount) {
}
