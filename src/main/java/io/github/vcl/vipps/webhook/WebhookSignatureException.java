package io.github.vcl.vipps.webhook;

/** A webhook delivery that must not be trusted; {@link #reason()} says which check failed. */
public final class WebhookSignatureException extends Exception {

    /** The check that failed. */
    public enum Reason {
        MISSING_HEADER,
        DATE_INVALID,
        DATE_OUTSIDE_TOLERANCE,
        CONTENT_HASH_MISMATCH,
        SIGNATURE_MISMATCH
    }

    private final Reason reason;

    WebhookSignatureException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
