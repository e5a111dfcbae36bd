package io.github.vcl.refusal;

import java.util.List;

/** The request is malformed or has invalid fields; {@code fieldErrors} names each. Nothing was stored or sent. */
public final class InvalidInput extends Refusal {
    private final List<FieldError> fieldErrors;

    public InvalidInput(String detail, List<FieldError> fieldErrors) {
        super(detail);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public InvalidInput(String detail) {
        this(detail, List.of());
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
