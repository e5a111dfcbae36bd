package io.github.vcl.order;

import java.util.Locale;

/**
 * What the shop asks Vipps MobilePay to share about the customer with a payment (ePayment's {@code profile.scope};
 * the customer consents in the app). Personal data: read from Vipps when support needs it, never stored or logged.
 */
public enum CustomerDetail {
    NAME("name"), EMAIL("email"), PHONE_NUMBER("phoneNumber"), ADDRESS("address");

    private final String scope;

    CustomerDetail(String scope) {
        this.scope = scope;
    }

    /** The word in ePayment's space-separated {@code profile.scope}. */
    public String scope() {
        return scope;
    }

    public static CustomerDetail parse(String field, String word) {
        for (CustomerDetail detail : values()) {
            if (detail.scope.equalsIgnoreCase(word)) {
                return detail;
            }
        }
        throw new InvalidOrderException(field, "unknown customer detail '" + word + "'; use name, email, "
                + "phoneNumber or address");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
