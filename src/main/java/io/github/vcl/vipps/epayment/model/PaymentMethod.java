package io.github.vcl.vipps.epayment.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code type}: WALLET | CARD (a string: new values must not break us). {@code cardBin} only in answers. */
@RegisterForReflection
public record PaymentMethod(String type, String cardBin) {

    public static PaymentMethod wallet() {
        return new PaymentMethod("WALLET", null);
    }
}
