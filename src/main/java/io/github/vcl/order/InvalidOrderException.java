package io.github.vcl.order;

/** Input that can never become a valid order (bad amount, currency, reference, text). Nothing is stored. */
public final class InvalidOrderException extends IllegalArgumentException {
    private final String field;

    public InvalidOrderException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The input field at fault, as the API names it (e.g. {@code lines[2].unitPrice}). */
    public String field() {
        return field;
    }
}
