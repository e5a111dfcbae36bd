package io.github.vcl.vipps.epayment.model;

import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.model.VippsAggregate;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/** {@code GET /epayment/v1/payments/{reference}}. */
@RegisterForReflection
public record Payment(
        VippsAggregate aggregate,
        Amount amount,
        EPaymentState state,
        PaymentMethod paymentMethod,
        Profile profile,
        String pspReference,
        String redirectUrl,
        String reference,
        Map<String, String> metadata) {

    /** {@code sub} is the customer's OpenID subject: an identifier, treat as personal data. */
    @RegisterForReflection
    public record Profile(String sub) {
        @Override
        public String toString() {
            return "Profile[***]";
        }
    }
}
