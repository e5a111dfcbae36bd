package io.github.vcl.function.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * An RFC 9457 problem body. {@code detail} is written for the person reading it (shop developer or staff); {@code
 * errors} lists each bad input field; {@code traceId} is Vipps' id for a support case, when Vipps was involved.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors, String traceId, String vippsErrorCode) {

    public static final String CONTENT_TYPE = "application/problem+json";

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance,
                fieldErrors.isEmpty() ? null : List.copyOf(fieldErrors), traceId, vippsErrorCode);
    }

    public Problem withInstance(String requestPath) {
        return new Problem(type, title, status, detail, requestPath, errors, traceId, vippsErrorCode);
    }

    public Problem withVipps(String vippsTraceId, String code) {
        return new Problem(type, title, status, detail, instance, errors, vippsTraceId, code);
    }
}
