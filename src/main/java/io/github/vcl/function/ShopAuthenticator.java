package io.github.vcl.function;

import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.service.ServiceFailure;
import io.github.vcl.vipps.Secret;

import java.security.MessageDigest;

/**
 * Authenticates the shop server: {@code Authorization: Bearer <shop API key>}, compared in constant time. Amounts are
 * only ever taken from a caller that passes this, never from a browser.
 */
public class ShopAuthenticator {
    private final byte[] expectedDigest;

    public ShopAuthenticator(Secret shopApiKey) {
        this.expectedDigest = BearerKeys.digest(shopApiKey.reveal());
    }

    public void authenticate(HttpApiEvent event) {
        boolean ok = BearerKeys.presentedDigest(event).map(d -> MessageDigest.isEqual(d, expectedDigest))
                .orElse(false);
        if (!ok) {
            throw ServiceFailure.unauthorized("Send the shop API key as 'Authorization: Bearer <key>'.");
        }
    }
}
