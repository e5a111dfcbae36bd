package io.github.vcl.order;

/**
 * Customer details the shop already knows, to prefill in Checkout. Personal data: passed to Vipps, never stored or
 * logged ({@code toString} shows none of it). Every field is optional; those given must be usable by Vipps.
 */
public record CustomerPrefill(String firstName, String lastName, String email, String phoneNumber,
                              String streetAddress, String city, String postalCode, String country) {

    public CustomerPrefill {
        if (phoneNumber != null && !phoneNumber.matches("\\d{8,15}")) {
            throw new InvalidOrderException("phoneNumber", "digits only, with country code, e.g. 4791234567");
        }
        if (country != null && !country.matches("[A-Z]{2}")) {
            throw new InvalidOrderException("country", "a two-letter country code, e.g. NO");
        }
    }

    @Override
    public String toString() {
        return "CustomerPrefill[***]";
    }
}
