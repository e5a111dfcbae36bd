package io.github.vcl.checkout;

import io.github.vcl.order.Flow;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of starting a payment: where Vipps sends callbacks and customers ({@code publicBaseUrl}, the HTTP API's
 * address), the shop's terms, the reference prefix, the flow used when the shop does not choose one, and how long one
 * request may run ({@code requestTimeout}, the function's timeout: an earlier request under the same Idempotency-Key
 * younger than that may still be working).
 */
public record CheckoutSettings(URI publicBaseUrl, URI termsAndConditionsUrl, String referencePrefix,
                               Flow defaultFlow, Duration requestTimeout) {

    public URI callbackUrl(String reference) {
        return resolve("callbacks/checkout/" + reference);
    }

    /** Where Vipps delivers ePayment webhooks: registered once per deployment (infra/register-webhooks.sh). */
    public URI webhookUrl() {
        return resolve("webhooks/vipps");
    }

    public URI returnUrl(String reference, String returnToken) {
        return resolve("return/" + reference + "?t=" + returnToken);
    }

    private URI resolve(String path) {
        String base = publicBaseUrl.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}
