package io.github.vcl.order;

import java.util.regex.Pattern;

/**
 * The Vipps reference of one payment attempt: 8–50 characters of {@code [A-Za-z0-9-]}, case-sensitive. It is the
 * Checkout {@code transaction.reference}, the ePayment {@code reference} and the Order Management {@code orderId}.
 * References this backend makes end in {@code -N}, the attempt number (see {@link ReferenceGenerator}).
 */
public record Reference(String value) {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 50;
    public static final int MAX_ATTEMPTS = 999;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern ATTEMPT_SUFFIX = Pattern.compile("^(.+)-([1-9][0-9]{0,2})$");

    public Reference {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH
                || !ALLOWED.matcher(value).matches()) {
            throw new InvalidOrderException("reference",
                    "must be 8–50 characters of letters, digits and '-', was '" + abbreviate(value) + "'");
        }
    }

    public static Reference of(String value) {
        return new Reference(value);
    }

    /** The attempt number of a reference made by {@link ReferenceGenerator}. */
    public int attempt() {
        return Integer.parseInt(attemptMatcher().group(2));
    }

    /** The reference for the next payment attempt on the same order: {@code …-1} becomes {@code …-2}. */
    public Reference nextAttempt() {
        var matcher = attemptMatcher();
        int next = Integer.parseInt(matcher.group(2)) + 1;
        if (next > MAX_ATTEMPTS) {
            throw new InvalidOrderException("reference", "order has used all " + MAX_ATTEMPTS + " payment attempts");
        }
        return new Reference(matcher.group(1) + "-" + next);
    }

    private java.util.regex.Matcher attemptMatcher() {
        var matcher = ATTEMPT_SUFFIX.matcher(value);
        if (!matcher.matches()) {
            throw new InvalidOrderException("reference", "'" + value + "' has no attempt suffix (-1, -2, …)");
        }
        return matcher;
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }

    @Override
    public String toString() {
        return value;
    }
}
