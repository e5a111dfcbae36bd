package io.github.vcl.vipps.webhook.model;

import java.util.List;

/** ePayment webhook event names (docs/vipps-rules.md#webhooks). */
public final class WebhookEvents {

    public static final String CREATED = "epayments.payment.created.v1";
    public static final String ABORTED = "epayments.payment.aborted.v1";
    public static final String EXPIRED = "epayments.payment.expired.v1";
    public static final String CANCELLED = "epayments.payment.cancelled.v1";
    public static final String CAPTURED = "epayments.payment.captured.v1";
    public static final String REFUNDED = "epayments.payment.refunded.v1";
    public static final String AUTHORIZED = "epayments.payment.authorized.v1";
    public static final String TERMINATED = "epayments.payment.terminated.v1";

    public static final List<String> ALL =
            List.of(CREATED, ABORTED, EXPIRED, CANCELLED, CAPTURED, REFUNDED, AUTHORIZED, TERMINATED);

    private WebhookEvents() {
    }
}
