package io.github.vcl.vipps.epayment.model;

import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.ordermanagement.model.Receipt;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * Body of {@code POST /epayment/v1/payments}. {@code userFlow}: WEB_REDIRECT | NATIVE_REDIRECT | PUSH_MESSAGE | QR;
 * {@code customerInteraction}: CUSTOMER_NOT_PRESENT | CUSTOMER_PRESENT; {@code expiresAt}: ISO-8601 with offset.
 */
@RegisterForReflection
public record CreatePaymentRequest(
        Amount amount,
        Customer customer,
        String customerInteraction,
        PaymentMethod paymentMethod,
        Profile profile,
        String reference,
        String returnUrl,
        String userFlow,
        String expiresAt,
        String paymentDescription,
        Receipt receipt,
        Map<String, String> metadata,
        String receiptUrl) {

    public static CreatePaymentRequest webRedirect(Amount amount, String reference, String returnUrl,
            String paymentDescription) {
        return new CreatePaymentRequest(amount, null, "CUSTOMER_NOT_PRESENT", PaymentMethod.wallet(), null,
                reference, returnUrl, "WEB_REDIRECT", null, paymentDescription, null, null, null);
    }

    public CreatePaymentRequest withReceipt(Receipt receipt) {
        return new CreatePaymentRequest(amount, customer, customerInteraction, paymentMethod, profile, reference,
                returnUrl, userFlow, expiresAt, paymentDescription, receipt, metadata, receiptUrl);
    }

    /** A push message to the customer's app instead of a redirect (ePayment {@code PUSH_MESSAGE}). */
    public CreatePaymentRequest pushedTo(Customer value) {
        return new CreatePaymentRequest(amount, value, customerInteraction, paymentMethod, profile, reference,
                returnUrl, "PUSH_MESSAGE", expiresAt, paymentDescription, receipt, metadata, receiptUrl);
    }

    /** The customer details to share, space-separated, e.g. {@code "address email"}. */
    public CreatePaymentRequest withProfileScope(String scope) {
        return new CreatePaymentRequest(amount, customer, customerInteraction, paymentMethod, new Profile(scope),
                reference, returnUrl, userFlow, expiresAt, paymentDescription, receipt, metadata, receiptUrl);
    }

    /** {@code scope}: space-separated, e.g. {@code "name email"}. */
    @RegisterForReflection
    public record Profile(String scope) {
    }
}
