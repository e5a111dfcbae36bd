package io.github.vcl.refusal;

/** No credential, or one we do not know. Checked before anything is read or changed. */
public final class NotAuthenticated extends Refusal {
    public NotAuthenticated(String detail) {
        super(detail);
    }
}
