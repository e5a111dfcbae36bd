package io.github.vcl.order;

import java.util.Objects;

/**
 * Vipps' running totals for a payment. Each only grows; captured + cancelled never exceed authorized and refunded
 * never exceeds captured.
 */
public record Aggregate(Money authorized, Money captured, Money refunded, Money cancelled) {

    public Aggregate {
        Objects.requireNonNull(authorized, "authorized");
        Objects.requireNonNull(captured, "captured");
        Objects.requireNonNull(refunded, "refunded");
        Objects.requireNonNull(cancelled, "cancelled");
        if (captured.plus(cancelled).compareTo(authorized) > 0) {
            throw new InvalidOrderException("aggregate", "captured " + captured + " plus cancelled " + cancelled
                    + " exceeds authorized " + authorized);
        }
        if (refunded.compareTo(captured) > 0) {
            throw new InvalidOrderException("aggregate", "refunded " + refunded + " exceeds captured " + captured);
        }
    }

    public static Aggregate zero(Currency currency) {
        Money zero = Money.zero(currency);
        return new Aggregate(zero, zero, zero, zero);
    }

    public Currency currency() {
        return authorized.currency();
    }

    /** What can still be captured: authorized − captured − cancelled. */
    public Money capturable() {
        return authorized.minus(captured).minus(cancelled);
    }

    /** What can still be refunded: captured − refunded. */
    public Money refundable() {
        return captured.minus(refunded);
    }

    /** True when no component of {@code other} is smaller than this one's: {@code other} is not older. */
    boolean isCoveredBy(Aggregate other) {
        return other.authorized.compareTo(authorized) >= 0 && other.captured.compareTo(captured) >= 0
                && other.refunded.compareTo(refunded) >= 0 && other.cancelled.compareTo(cancelled) >= 0;
    }
}
