package io.github.vcl.vipps.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsApiException.ErrorDetail;
import io.github.vcl.vipps.VippsOperation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns any Vipps error answer into a {@link VippsApiException}. Understands the three Vipps problem formats
 * (ePayment {@code extraDetails}, Checkout {@code errorCode}/{@code errors}, Order Management {@code invalidParams}),
 * the API-gateway format ({@code {"statusCode":401,"message":"..."}}), the legacy array format, and survives
 * HTML, plain text and empty bodies.
 */
public final class VippsErrorParser {

    private static final String ERROR_CODE = "ErrorCode";
    private static final int MAX_TEXT = 500;

    private VippsErrorParser() {
    }

    public static VippsApiException toException(VippsOperation operation, String reference, RawResponse response,
            Duration retryAfter, int attempts) {
        Parsed p = parse(response.body());
        String staff = VippsErrorMessages.forError(response.status(), p.errorCode);
        return new VippsApiException(operation, reference, response.status(), p.errorCode, p.traceId, p.details,
                p.title, p.detail, staff, retryAfter, attempts, null);
    }

    public static VippsApiException noResponse(VippsOperation operation, String reference, int attempts,
            Throwable cause) {
        // the cause's message may contain the URL (no secrets: those are only in headers)
        return new VippsApiException(operation, reference, VippsApiException.NO_RESPONSE, null, null, List.of(),
                null, null, VippsErrorMessages.forStatus(VippsApiException.NO_RESPONSE), null, attempts, cause);
    }

    /**
     * Not (again) sent: one more attempt would end after the invocation's deadline ({@link CallDeadline}). The
     * outcome of earlier attempts, if any, stays as open as it was.
     */
    public static VippsApiException outOfTime(VippsOperation operation, String reference, int attempts) {
        return new VippsApiException(operation, reference, VippsApiException.NO_RESPONSE, null, null, List.of(), null,
                null, "No time was left to ask Vipps MobilePay before this request's deadline", null, attempts, null);
    }

    /** A 2xx answer whose body we could not understand. */
    public static VippsApiException unreadable(VippsOperation operation, String reference, RawResponse response,
            Throwable cause) {
        return new VippsApiException(operation, reference, response.status(), null, null, List.of(), null, null,
                "Unexpected answer from Vipps (body could not be read)", null, 1, cause);
    }

    static Parsed parse(String body) {
        Parsed p = new Parsed();
        JsonNode root = VippsJson.tree(body).orElse(null);
        if (root == null) {
            return p;
        }
        if (root.isArray() && root.size() > 0 && root.get(0).isObject()) {
            // legacy format: [{"errorGroup":"...","errorCode":"...","errorMessage":"..."}]
            JsonNode first = root.get(0);
            p.errorCode = text(first, "errorCode");
            p.title = text(first, "errorGroup");
            p.detail = text(first, "errorMessage");
            return p;
        }
        if (!root.isObject()) {
            return p;
        }
        // "message": API gateway; "error"/"error_description": OAuth-style answers of the token endpoint
        p.title = firstText(root, "title", "message", "error");
        p.detail = firstText(root, "detail", "error_description");
        p.traceId = firstText(root, "traceId", "traceID", "trace_id");
        addPairs(p, root.get("extraDetails"));
        addPairs(p, root.get("invalidParams"));
        JsonNode errors = root.get("errors");
        if (errors != null && errors.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = errors.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> reasons = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> reasons.add(v.asText()));
                } else {
                    reasons.add(e.getValue().asText());
                }
                p.details.add(new ErrorDetail(e.getKey(), limit(String.join("; ", reasons))));
            }
        }
        if (p.errorCode == null) {
            p.errorCode = text(root, "errorCode");
        }
        return p;
    }

    private static void addPairs(Parsed p, JsonNode array) {
        if (array == null || !array.isArray()) {
            return;
        }
        for (JsonNode item : array) {
            if (!item.isObject()) {
                continue;
            }
            String name = text(item, "name");
            String reason = text(item, "reason");
            p.details.add(new ErrorDetail(name, reason));
            if (p.errorCode == null && ERROR_CODE.equalsIgnoreCase(name) && reason != null) {
                p.errorCode = reason.trim();
            }
        }
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : limit(text);
    }

    private static String limit(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
    }

    static final class Parsed {
        String errorCode;
        String traceId;
        String title;
        String detail;
        final List<ErrorDetail> details = new ArrayList<>();
    }
}
