package io.github.vcl.function;

import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.service.ServiceFailure;
import io.github.vcl.vipps.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Authenticates the shop server: {@code Authorization: Bearer <shop API key>}, compared in constant time. Amounts are
 * only ever taken from a caller that passes this, never from a browser.
 */
public class ShopAuthenticator {
    private static final String BEARER = "Bearer ";
    private final byte[] expectedDigest;

    public ShopAuthenticator(Secret shopApiKey) {
        this.expectedDigest = digest(shopApiKey.reveal());
    }

    public void authenticate(HttpApiEvent event) {
        String header = event.header("authorization").orElse("");
        boolean ok = header.startsWith(BEARER)
                && MessageDigest.isEqual(digest(header.substring(BEARER.length())), expectedDigest);
        if (!ok) {
            throw ServiceFailure.unauthorized("Send the shop API key as 'Authorization: Bearer <key>'.");
        }
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
