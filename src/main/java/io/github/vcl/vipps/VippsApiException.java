package io.github.vcl.vipps;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one exception type of the Vipps clients: a failed call (error status, unusable answer, or no answer at all).
 * <p>
 * {@link #getMessage()} is short and staff-readable and contains no secret and no personal data: operation,
 * reference, HTTP status, Vipps error code, a fixed text for that code and the traceId. Vipps' own
 * {@code title}/{@code detail} texts are kept in fields (they may echo request data) and are not part of the message.
 */
public final class VippsApiException extends RuntimeException {

    /** HTTP status used when no HTTP answer arrived (connection refused, timeout, ...). */
    public static final int NO_RESPONSE = 0;

    /** ePayment's codes for an Idempotency-Key used with another request (capture, refund, generic). */
    public static final java.util.Set<String> IDEMPOTENCY_CONFLICTS = java.util.Set.of("4010", "4150", "4020");

    private final VippsOperation operation;
    private final String reference;
    private final int httpStatus;
    private final String errorCode;
    private final String traceId;
    private final List<ErrorDetail> extraDetails;
    private final String title;
    private final String detail;
    private final String staffMessage;
    private final Duration retryAfter;
    private final int attempts;

    public VippsApiException(VippsOperation operation, String reference, int httpStatus, String errorCode,
            String traceId, List<ErrorDetail> extraDetails, String title, String detail, String staffMessage,
            Duration retryAfter, int attempts, Throwable cause) {
        super(message(operation, reference, httpStatus, errorCode, staffMessage, traceId), cause);
        this.operation = operation;
        this.reference = reference;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.traceId = traceId;
        this.extraDetails = extraDetails == null ? List.of() : List.copyOf(extraDetails);
        this.title = title;
        this.detail = detail;
        this.staffMessage = staffMessage;
        this.retryAfter = retryAfter;
        this.attempts = attempts;
    }

    private static String message(VippsOperation operation, String reference, int status, String code,
            String staffMessage, String traceId) {
        StringBuilder sb = new StringBuilder("Vipps ").append(operation.endpoint());
        if (reference != null) {
            sb.append(" [reference=").append(reference).append(']');
        }
        sb.append(" failed: ");
        sb.append(status == NO_RESPONSE ? "no response" : "HTTP " + status);
        if (code != null) {
            sb.append(", code ").append(code);
        }
        sb.append(": ").append(staffMessage);
        if (traceId != null) {
            sb.append(" (traceId ").append(traceId).append(')');
        }
        return sb.toString();
    }

    public VippsOperation operation() {
        return operation;
    }

    /** The payment reference / order id of the call, when it has one. */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    /** HTTP status, or {@link #NO_RESPONSE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Vipps error code, e.g. {@code "6090"} (ePayment) or {@code "Session-00100"} (Checkout). */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }

    /** ePayment {@code extraDetails}, Order Management {@code invalidParams} and Checkout {@code errors}. */
    public List<ErrorDetail> extraDetails() {
        return extraDetails;
    }

    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** Vipps' free-text detail. May echo request data: log with care, never show to customers. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** Short fixed text for back-office staff, e.g. "Cannot capture more than the reserved amount". */
    public String staffMessage() {
        return staffMessage;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** How many attempts were made before giving up. */
    public int attempts() {
        return attempts;
    }

    public boolean isNoResponse() {
        return httpStatus == NO_RESPONSE;
    }

    /** Outcome unknown to us (no answer, 5xx): the same call with the same Idempotency-Key may be repeated later. */
    public boolean isTransient() {
        return httpStatus == NO_RESPONSE || httpStatus >= 500 || httpStatus == 423 || httpStatus == 429;
    }

    public boolean isIdempotencyConflict() {
        return IDEMPOTENCY_CONFLICTS.contains(errorCode);
    }

    /** A {@code name}/{@code reason} pair from a Vipps error body. */
    public record ErrorDetail(String name, String reason) {
    }
}
