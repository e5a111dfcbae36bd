package io.github.vcl.service;

import io.github.vcl.vipps.VippsApiException;

import java.util.List;

/**
 * A request the services could not carry out, said in words for the person who asked (shop developer, staff), with
 * the HTTP status it maps to and, when Vipps was involved, Vipps' traceId and error code for a support case. The
 * functions turn it into an RFC 9457 problem; nothing was changed unless the detail says otherwise.
 */
public class ServiceFailure extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> fieldErrors;
    private final String vippsTraceId;
    private final String vippsErrorCode;

    /** One bad input field. */
    public record FieldError(String field, String message) {
    }

    public ServiceFailure(int status, String title, String detail, List<FieldError> fieldErrors, String vippsTraceId,
                          String vippsErrorCode) {
        super(detail);
        this.status = status;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.vippsTraceId = vippsTraceId;
        this.vippsErrorCode = vippsErrorCode;
    }

    public static ServiceFailure badRequest(String detail, List<FieldError> fieldErrors) {
        return new ServiceFailure(400, "Invalid request", detail, fieldErrors, null, null);
    }

    public static ServiceFailure unauthorized(String detail) {
        return new ServiceFailure(401, "Not authenticated", detail, List.of(), null, null);
    }

    public static ServiceFailure forbidden(String detail) {
        return new ServiceFailure(403, "Not allowed", detail, List.of(), null, null);
    }

    public static ServiceFailure notFound(String detail) {
        return new ServiceFailure(404, "Not found", detail, List.of(), null, null);
    }

    public static ServiceFailure conflict(String detail) {
        return new ServiceFailure(409, "Not possible now", detail, List.of(), null, null);
    }

    /** Vipps refused or did not answer; {@code detail} says what that means for the caller. */
    public static ServiceFailure vipps(VippsApiException e, String detail) {
        return new ServiceFailure(502, "Vipps MobilePay error", detail + " Vipps said: " + e.staffMessage(),
                List.of(), e.traceId().orElse(null), e.errorCode().orElse(null));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public String vippsTraceId() {
        return vippsTraceId;
    }

    public String vippsErrorCode() {
        return vippsErrorCode;
    }
}
