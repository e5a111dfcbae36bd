package io.github.vcl.function;

import io.github.vcl.security.Sha256;
import io.github.vcl.function.http.HttpApiEvent;

import java.security.MessageDigest;
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
        return presentedDigest(event.header("authorization").orElse(null));
    }

    /** The digest of the key in an {@code Authorization} header value; empty unless it is {@code Bearer <key>}. */
    static Optional<byte[]> presentedDigest(String authorization) {
        return Optional.ofNullable(authorization)
                .filter(h -> h.startsWith(BEARER) && h.length() > BEARER.length())
                .map(h -> digest(h.substring(BEARER.length())));
    }

    static byte[] digest(String key) {
        return Sha256.of(key);
    }
}
