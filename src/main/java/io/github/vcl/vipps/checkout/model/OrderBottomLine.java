package io.github.vcl.vipps.checkout.model;

import io.github.vcl.vipps.model.PaymentSources;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record OrderBottomLine(String currency, Long tipAmount, Long giftCardAmount, String terminalId,
        PaymentSources paymentSources, String receiptNumber) {

    public static OrderBottomLine of(String currency) {
        return new OrderBottomLine(currency, null, null, null, null, null);
    }
}
