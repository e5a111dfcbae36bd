package io.github.vcl.operations;

import io.github.vcl.order.Operation;
import io.github.vcl.order.VippsError;
import io.github.vcl.refusal.VippsRefused;
import io.github.vcl.refusal.VippsTrace;
import io.github.vcl.vipps.VippsApiException;

import java.util.Map;

/**
 * What Vipps' answers to a capture, refund or cancel mean for the staff member who asked, with Vipps' traceId kept
 * for a support case. Refusals of the payment's state (6xxx) and idempotency conflicts are about the payment;
 * anything else Vipps refused is our request's or configuration's fault. Answers that leave the outcome open (no
 * answer, 5xx, 423, 429) are not failures: the operation stays recorded and is sent again with the same
 * Idempotency-Key.
 */
final class VippsRefusals {
    private static final String NOTHING_MOVED = "Nothing was moved.";
    private static final Map<String, String> ADVICE = Map.of(
            "6040", "Refund instead.",
            "6060", "The customer approved the payment meanwhile; cancel again to release the reservation.",
            "6090", "Vipps MobilePay shows less left to capture than our record; the order was re-read from Vipps.",
            "6150", "Vipps MobilePay shows less left to refund than our record; the order was re-read from Vipps.");

    private VippsRefusals() {
    }

    /** A failed operation, as Vipps refused it (the refusal kept with the operation). */
    static VippsRefused refused(Operation op) {
        VippsError e = op.failure();
        String code = e.code();
        boolean paymentState = code != null && (code.startsWith("6") || VippsApiException.IDEMPOTENCY_CONFLICTS.contains(code));
        String advice = code == null ? NOTHING_MOVED : ADVICE.getOrDefault(code, NOTHING_MOVED);
        String detail = "Vipps MobilePay refused the " + op.type().keyWord() + " of " + op.amount() + ": "
                + e.message() + (code == null ? "" : " (code " + code + ")") + ". " + advice;
        return new VippsRefused(detail, new VippsTrace(e.traceId(), code), paymentState);
    }

    /** For an answer that leaves the outcome open: what happens next. */
    static String pending(VippsApiException e, Operation op) {
        String why = switch (e.httpStatus()) {
            case VippsApiException.NO_RESPONSE -> "Vipps MobilePay did not answer in time";
            case 423 -> "Vipps MobilePay is busy with another change to this payment";
            case 429 -> "Vipps MobilePay asked us to slow down";
            default -> "Vipps MobilePay had a temporary problem";
        };
        return why + ". The " + op.type().keyWord() + " of " + op.amount() + " is recorded and will be completed "
                + "automatically with the same Idempotency-Key; do not send it again"
                + e.traceId().map(t -> " (Vipps traceId " + t + ")").orElse("") + ".";
    }
}
