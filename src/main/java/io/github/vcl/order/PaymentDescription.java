package io.github.vcl.order;

/** The text the customer sees in the Vipps MobilePay app: 3–100 characters. */
public record PaymentDescription(String text) {
    public PaymentDescription {
        Text.require("paymentDescription", text, 3, 100);
    }
}
