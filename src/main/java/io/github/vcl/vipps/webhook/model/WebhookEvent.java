package io.github.vcl.vipps.webhook.model;

import io.github.vcl.vipps.model.Amount;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of an ePayment webhook delivery (the same for every event): {@code name} is the event (AUTHORIZED,
 * CAPTURED, …), {@code success} whether it succeeded. A signal, not the truth about the payment's totals: where money
 * moved, read the payment (docs/vipps-rules.md#webhooks).
 */
@RegisterForReflection
public record WebhookEvent(String msn, String reference, String pspReference, String name, Amount amount,
        String timestamp, String idempotencyKey, Boolean success) {
}
