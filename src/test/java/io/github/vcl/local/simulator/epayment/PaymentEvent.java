package io.github.vcl.local.simulator.epayment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.simulator.Json;
import java.time.Instant;

/**
 * One entry of a payment's event log; also what a webhook delivery reports (docs/vipps-rules.md#epayment,
 * #webhooks).
 */
public record PaymentEvent(String reference, String pspReference, String name, String currency, long value,
        Instant timestamp, String idempotencyKey, boolean success) {

    public ObjectNode toJson() {
        ObjectNode json = Json.object()
                .put("reference", reference)
                .put("pspReference", pspReference)
                .put("name", name);
        json.set("amount", Json.amount(currency, value));
        json.put("timestamp", timestamp.toString())
                .put("idempotencyKey", idempotencyKey)
                .put("success", success);
        return json;
    }
}
