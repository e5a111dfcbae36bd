package io.github.vcl.vipps.checkout.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code token} and {@code checkoutFrontendUrl} go to the browser's Checkout SDK. */
@RegisterForReflection
public record InitiateSessionResponse(String token, String checkoutFrontendUrl, String pollingUrl) {

    @Override
    public String toString() {
        return "InitiateSessionResponse[checkoutFrontendUrl=" + checkoutFrontendUrl + ", pollingUrl=" + pollingUrl
                + ", token=***]";
    }
}
