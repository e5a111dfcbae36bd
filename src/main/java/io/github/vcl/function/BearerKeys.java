package io.github.vcl.function;

import io.github.vcl.function.http.HttpApiEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * API keys sent as {@code Authorization: Bearer <key>}. Keys are compared as SHA-256 digests with {@link
 * MessageDigest#isEqual}, so the comparison takes the same time whatever the key, and no key is kept in clear text
 * longer than needed.
 */
final class BearerKeys {
    private static final String BEARER = "Bearer ";

    private BearerKeys() {
    }

    /** The digest of the key the request presents; empty without a bearer Authorization header. */
    static Optional<byte[]> presentedDigest(HttpApiEvent event) {
        return event.header("authorization").filter(h -> h.startsWith(BEARER) && h.length() > BEARER.length())
                .map(h -> digest(h.substring(BEARER.length())));
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
