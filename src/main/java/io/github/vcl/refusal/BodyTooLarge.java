package io.github.vcl.refusal;

/** The request body is larger than this route reads. Nothing was read or changed. */
public final class BodyTooLarge extends Refusal {
    public BodyTooLarge(String detail) {
        super(detail);
    }
}
