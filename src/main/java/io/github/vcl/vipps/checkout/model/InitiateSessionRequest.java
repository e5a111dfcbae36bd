package io.github.vcl.vipps.checkout.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /checkout/v3/session}. {@code type} is always {@code "PAYMENT"} here. */
@RegisterForReflection
public record InitiateSessionRequest(
        String type,
        MerchantInfo merchantInfo,
        PaymentTransaction transaction,
        Logistics logistics,
        PrefillCustomer prefillCustomer,
        CheckoutConfiguration configuration) {

    public static final String TYPE_PAYMENT = "PAYMENT";

    public static InitiateSessionRequest payment(MerchantInfo merchantInfo, PaymentTransaction transaction,
            Logistics logistics, PrefillCustomer prefillCustomer, CheckoutConfiguration configuration) {
        return new InitiateSessionRequest(TYPE_PAYMENT, merchantInfo, transaction, logistics, prefillCustomer,
                configuration);
    }
}
