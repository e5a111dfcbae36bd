package io.github.vcl.vipps.http;

import java.util.Map;

/** Staff-readable texts for Vipps error codes and HTTP statuses: the one place that knows what they mean. */
public final class VippsErrorMessages {

    private static final Map<String, String> BY_CODE = Map.ofEntries(
            // ePayment, docs/vipps-rules.md#epayment and #errors
            Map.entry("4010", "Idempotency conflict: this Idempotency-Key was used for a different capture"),
            Map.entry("4150", "Idempotency conflict: this Idempotency-Key was used for a different refund"),
            Map.entry("4020", "Idempotency conflict: this Idempotency-Key was used for a different request"),
            Map.entry("4040", "Invalid amount"),
            Map.entry("4070", "Invalid phone number"),
            Map.entry("4090", "Invalid URL"),
            Map.entry("5040", "Currency not supported by this sales unit"),
            Map.entry("5090", "Payment reference not found"),
            Map.entry("6010", "Amount is below the minimum"),
            Map.entry("6040", "Cannot cancel: the payment is fully captured (refund instead)"),
            Map.entry("6060", "Cannot cancel only the transaction: the payment is already authorized"),
            Map.entry("6080", "Cannot capture: the customer has not approved the payment"),
            Map.entry("6090", "Cannot capture more than the reserved amount"),
            Map.entry("6140", "Partial capture is not allowed for this sales unit"),
            Map.entry("6150", "Cannot refund more than the captured amount"),
            Map.entry("6160", "Cannot cancel while the customer is authorizing; try again later"),
            Map.entry("6250", "Payment is being authorized; try again later"),
            Map.entry("6260", "Reserved funds are no longer available"),
            Map.entry("6280", "Temporary problem; try again later with the same Idempotency-Key"),
            Map.entry("7010", "Customer not found"),
            // Checkout, docs/vipps-rules.md#checkout-sessions
            Map.entry("Session-00100", "Checkout session not found or expired"));

    private VippsErrorMessages() {
    }

    public static String forError(int status, String errorCode) {
        if (errorCode != null) {
            String text = BY_CODE.get(errorCode);
            if (text != null) {
                return text;
            }
            if (errorCode.startsWith("Validation-")) {
                return "Vipps rejected the request as invalid";
            }
        }
        return forStatus(status);
    }

    public static String forStatus(int status) {
        return switch (status) {
            case 0 -> "Vipps could not be reached (network error or timeout)";
            case 400 -> "Vipps rejected the request as invalid";
            case 401 -> "Vipps rejected the credentials or access token";
            case 403 -> "Not allowed for this sales unit (check keys and products)";
            case 404 -> "Not found at Vipps";
            case 409 -> "Conflicts with the current state at Vipps";
            case 422 -> "Vipps could not process the request";
            case 423 -> "Locked by a concurrent operation at Vipps; try again shortly";
            case 429 -> "Rate limited by Vipps; try again later";
            default -> status >= 500 ? "Vipps is unavailable or had an internal error"
                    : status >= 200 && status < 300 ? "Unexpected answer from Vipps"
                    : "Vipps answered with an unexpected error";
        };
    }
}
