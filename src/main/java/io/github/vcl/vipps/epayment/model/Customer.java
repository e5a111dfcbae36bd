package io.github.vcl.vipps.epayment.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Exactly one of the three. Personal data: {@link #toString()} hides it. */
@RegisterForReflection
public record Customer(String phoneNumber, String personalQr, String customerToken) {

    public static Customer phoneNumber(String msisdn) {
        return new Customer(msisdn, null, null);
    }

    @Override
    public String toString() {
        return "Customer[***]";
    }
}
