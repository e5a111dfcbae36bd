package io.github.vcl.refusal;

/** Nothing has this reference (or the caller may not know that it exists). */
public final class NotFound extends Refusal {
    public NotFound(String detail) {
        super(detail);
    }
}
