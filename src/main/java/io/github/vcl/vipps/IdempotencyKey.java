package io.github.vcl.vipps;

import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} of a money-moving call. Always derived by the caller from its own data (e.g.
 * {@code <reference>-capture-1}) so a retry after a crash or timeout sends the same key; the clients never make one.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 50;

    /** Printable ASCII without spaces: safe in an HTTP header and in logs. */
    private static final Pattern ALLOWED = Pattern.compile("[\\x21-\\x7E]+");

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "Idempotency-Key must be 1-" + MAX_LENGTH + " printable ASCII characters without spaces");
        }
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
