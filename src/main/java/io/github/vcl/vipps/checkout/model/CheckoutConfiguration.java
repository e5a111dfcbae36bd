package io.github.vcl.vipps.checkout.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * {@code customerInteraction}: CUSTOMER_NOT_PRESENT | CUSTOMER_PRESENT; {@code elements}: Full |
 * PaymentAndContactInfo | PaymentOnly; {@code userFlow}: WEB_REDIRECT | NATIVE_REDIRECT (case-sensitive).
 */
@RegisterForReflection
public record CheckoutConfiguration(
        String customerInteraction,
        String elements,
        Countries countries,
        String userFlow,
        Boolean requireUserInfo,
        CustomConsent customConsent,
        Boolean showOrderSummary) {

    /** Web shop defaults; {@code showOrderSummary=true} needs {@code transaction.orderSummary}. */
    public static CheckoutConfiguration webDefaults() {
        return new CheckoutConfiguration("CUSTOMER_NOT_PRESENT", "Full", null, "WEB_REDIRECT", null, null, true);
    }

    @RegisterForReflection
    public record Countries(List<String> supported) {
    }

    @RegisterForReflection
    public record CustomConsent(String text, boolean required) {
    }
}
