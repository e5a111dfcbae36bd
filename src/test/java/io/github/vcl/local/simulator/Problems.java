package io.github.vcl.local.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * Error bodies in the shape each Vipps API uses: RFC 7807 with {@code extraDetails} for ePayment and Webhooks,
 * {@code CheckoutProblemDetails} for Checkout, {@code invalidParams} for Order Management, and the plain
 * Azure API Management body for 401/429 that come from the gateway rather than the API
 * (docs/vipps-rules.md#errors).
 */
public final class Problems {

    private Problems() {
    }

    /** An ePayment domain error such as 6090, as {@code extraDetails [{name: ErrorCode, reason: code}]}. */
    public static SimulatedResponse paymentError(int status, String code, String title, String instance) {
        ObjectNode body = problem(status, title, title, instance);
        body.putArray("extraDetails").addObject().put("name", "ErrorCode").put("reason", code);
        return SimulatedResponse.problem(status, body);
    }

    static SimulatedResponse validation(VippsApi api, List<String> violations, String instance) {
        String detail = String.join("; ", violations);
        return switch (api) {
            case CHECKOUT -> checkout(400, "Validation-00001", "Validation error", detail, instance);
            case ORDER_MANAGEMENT -> {
                ObjectNode body = problem(400, "Bad Request", detail, instance);
                ArrayNode params = body.putArray("invalidParams");
                violations.forEach(v -> params.addObject().put("name", v.split(":", 2)[0]).put("reason", v));
                yield SimulatedResponse.problem(400, body);
            }
            default -> {
                ObjectNode body = problem(400, "Bad Request", detail, instance);
                ArrayNode extra = body.putArray("extraDetails");
                violations.forEach(v -> extra.addObject().put("name", v.split(":", 2)[0]).put("reason", v));
                yield SimulatedResponse.problem(400, body);
            }
        };
    }

    public static SimulatedResponse checkout(int status, String errorCode, String title, String detail,
            String instance) {
        ObjectNode body = problem(status, title, detail, instance);
        body.put("errorCode", errorCode);
        body.putObject("errors");
        return SimulatedResponse.problem(status, body);
    }

    /** A problem without an error code, for states like 404 or 409 that the HTTP status already explains. */
    public static SimulatedResponse plain(int status, String title, String instance) {
        return SimulatedResponse.problem(status, problem(status, title, title, instance));
    }

    /** What Azure API Management answers for a missing or expired token, or an exceeded rate limit. */
    static SimulatedResponse gateway(int status, String message) {
        return SimulatedResponse.json(status, Json.object().put("statusCode", status).put("message", message));
    }

    private static ObjectNode problem(int status, String title, String detail, String instance) {
        return Json.object()
                .put("type", "https://httpstatuses.io/" + status)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .put("traceId", "00-" + UUID.randomUUID().toString().replace("-", "") + "-01");
    }
}
