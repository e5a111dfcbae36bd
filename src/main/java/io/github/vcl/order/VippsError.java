package io.github.vcl.order;

import java.time.Instant;

/**
 * The last error Vipps answered for this order, kept for staff: HTTP status, Vipps error code (may be null), Vipps'
 * traceId for support cases, and a message in plain words.
 */
public record VippsError(int httpStatus, String code, String traceId, String message, Instant at) {
}
