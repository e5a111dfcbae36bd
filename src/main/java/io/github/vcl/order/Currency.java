package io.github.vcl.order;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The currencies Vipps MobilePay accepts, with the smallest amount one payment may have. The largest is the same for
 * all: {@link #MAXIMUM_PAYMENT_MINOR} (docs/vipps-rules.md#amounts-and-limits).
 */
public enum Currency {
    NOK(100), DKK(1), EUR(1);

    /** ePayment's largest amount (minor units); every amount we send or compute stays at or below it. */
    public static final long MAXIMUM_PAYMENT_MINOR = 65_000_000;

    private final long minimumPaymentMinor;

    Currency(long minimumPaymentMinor) {
        this.minimumPaymentMinor = minimumPaymentMinor;
    }

    public long minimumPaymentMinor() {
        return minimumPaymentMinor;
    }

    public static Currency parse(String field, String code) {
        for (Currency c : values()) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        throw new InvalidOrderException(field, "unknown currency '" + code + "'; use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
