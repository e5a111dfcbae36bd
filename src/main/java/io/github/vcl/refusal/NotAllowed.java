package io.github.vcl.refusal;

/** A known caller without the right this request needs. Checked before anything is read or changed. */
public final class NotAllowed extends Refusal {
    public NotAllowed(String detail) {
        super(detail);
    }
}
