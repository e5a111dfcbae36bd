package io.github.vcl.order;

/** Length checks for customer-facing text, with messages that name the field. */
final class Text {
    private Text() {
    }

    static String require(String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidOrderException(field, "is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw new InvalidOrderException(field, "must be " + min + "–" + max + " characters, was " + length);
        }
        return value;
    }
}
