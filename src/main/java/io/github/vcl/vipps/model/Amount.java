package io.github.vcl.vipps.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Objects;

/** An amount in minor units (øre, cents) with its ISO currency code ({@code NOK}, {@code DKK}, {@code EUR}). */
@RegisterForReflection
public record Amount(long value, String currency) {

    public Amount {
        Objects.requireNonNull(currency, "currency");
    }

    public static Amount of(long minorUnits, String currency) {
        if (minorUnits < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        return new Amount(minorUnits, currency);
    }

    public static Amount nok(long ore) {
        return of(ore, "NOK");
    }
}
