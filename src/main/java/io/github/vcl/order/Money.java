package io.github.vcl.order;

import java.util.Objects;

/** An amount in minor units (øre, cents) of one currency. Never negative, never fractional. */
public record Money(long minor, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minor < 0) {
            throw new InvalidOrderException("amount", "must not be negative, was " + minor);
        }
    }

    public static Money of(long minor, Currency currency) {
        return new Money(minor, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * Reads an amount given as text in minor units, as it arrives from an API body ("49900").
     * Decimals, signs and exponents are refused: amounts are whole øre/cents.
     */
    public static Money parse(String field, String minorUnits, String currency) {
        Currency parsedCurrency = Currency.parse(field + ".currency", currency);
        if (minorUnits == null || !minorUnits.matches("\\d{1,18}")) {
            throw new InvalidOrderException(field, "must be a whole, non-negative number of minor units (øre/cents), was '"
                    + minorUnits + "'");
        }
        return new Money(Long.parseLong(minorUnits), parsedCurrency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minor, sameCurrency(other).minor), currency);
    }

    public Money minus(Money other) {
        long result = minor - sameCurrency(other).minor;
        if (result < 0) {
            throw new IllegalArgumentException(format() + " minus " + other.format() + " is negative");
        }
        return new Money(result, currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(minor, factor), currency);
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isPositive() {
        return minor > 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(minor, sameCurrency(other).minor);
    }

    /** "NOK 250.00": for people, never for parsing. */
    public String format() {
        return currency + " " + (minor / 100) + "." + String.format("%02d", minor % 100);
    }

    private Money sameCurrency(Money other) {
        if (other.currency != currency) {
            throw new InvalidOrderException("currency", "cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }

    @Override
    public String toString() {
        return format();
    }
}
