package io.github.vcl.vipps.ordermanagement.model;

import io.github.vcl.vipps.model.PaymentSources;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code currency}: NOK | DKK | EUR. Sums are computed by Vipps from the lines. */
@RegisterForReflection
public record BottomLine(String currency, Long tipAmount, String posId, PaymentSources paymentSources,
        Barcode barcode, String receiptNumber) {

    public static BottomLine of(String currency) {
        return new BottomLine(currency, null, null, null, null, null);
    }

    /** {@code format}: "EAN-13" | "CODE 39" | "CODE 128". */
    @RegisterForReflection
    public record Barcode(String format, String data) {
    }
}
