package io.github.vcl.checkout;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the checkout flow: where Vipps sends callbacks and customers ({@code publicBaseUrl}, the HTTP API's
 * address), the shop's terms, the reference prefix, the merchant serial number callbacks must carry, and the polling
 * cadence.
 */
public record CheckoutSettings(URI publicBaseUrl, URI termsAndConditionsUrl, String referencePrefix,
                               String merchantSerialNumber, Duration pollInterval, Duration sessionLifetime) {

    public URI callbackUrl(String reference) {
        return resolve("callbacks/checkout/" + reference);
    }

    public URI returnUrl(String reference, String returnToken) {
        return resolve("return/" + reference + "?t=" + returnToken);
    }

    private URI resolve(String path) {
        String base = publicBaseUrl.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}
