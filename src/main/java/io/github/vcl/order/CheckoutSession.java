package io.github.vcl.order;

import java.util.Objects;

/**
 * What we keep of the Checkout session besides its state. The callback and return-page tokens are never stored:
 * only the random nonce they are derived from (so a retried session request sends the same body) and their SHA-256
 * hashes (so the callback and status functions verify them without the signing secret). The frontend URL and session
 * token are Vipps' answer, replayed to a shop that retries its request.
 */
public record CheckoutSession(String nonce, String callbackTokenHash, String returnTokenHash, String frontendUrl,
                              String sessionToken) {
    public CheckoutSession {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(callbackTokenHash, "callbackTokenHash");
        Objects.requireNonNull(returnTokenHash, "returnTokenHash");
    }

    public static CheckoutSession pending(String nonce, String callbackTokenHash, String returnTokenHash) {
        return new CheckoutSession(nonce, callbackTokenHash, returnTokenHash, null, null);
    }

    CheckoutSession created(String url, String token) {
        return new CheckoutSession(nonce, callbackTokenHash, returnTokenHash, url, token);
    }
}
