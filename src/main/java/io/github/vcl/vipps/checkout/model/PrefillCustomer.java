package io.github.vcl.vipps.checkout.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Personal data: {@link #toString()} shows none of it. Phone as MSISDN digits, e.g. {@code 4791234567}. */
@RegisterForReflection
public record PrefillCustomer(String firstName, String lastName, String email, String phoneNumber,
        String streetAddress, String city, String postalCode, String country) {

    @Override
    public String toString() {
        return "PrefillCustomer[***]";
    }
}
