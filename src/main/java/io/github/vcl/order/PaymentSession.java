package io.github.vcl.order;

import java.util.Objects;

/**
 * What we keep of the order's session at Vipps besides its state: the {@link Flow} it was started in, and its
 * secrets. The callback and return-page tokens are never stored: only the random nonce they are derived from (so a
 * retried request sends the same body) and their SHA-256 hashes (so the callback and status functions verify them
 * without the signing secret). {@code frontendUrl} is where Vipps sends the customer (Checkout's
 * {@code checkoutFrontendUrl}, ePayment's {@code redirectUrl}); with Checkout's {@code sessionToken} it is replayed
 * to a shop that retries its request.
 */
public record PaymentSession(Flow flow, String nonce, String callbackTokenHash, String returnTokenHash,
                             String frontendUrl, String sessionToken) {
    public PaymentSession {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(callbackTokenHash, "callbackTokenHash");
        Objects.requireNonNull(returnTokenHash, "returnTokenHash");
    }

    public static PaymentSession pending(Flow flow, String nonce, String callbackTokenHash, String returnTokenHash) {
        return new PaymentSession(flow, nonce, callbackTokenHash, returnTokenHash, null, null);
    }

    PaymentSession created(String url, String token) {
        return new PaymentSession(flow, nonce, callbackTokenHash, returnTokenHash, url, token);
    }
}
