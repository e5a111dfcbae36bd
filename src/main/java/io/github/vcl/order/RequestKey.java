package io.github.vcl.order;

import java.util.Objects;

/**
 * The caller's own Idempotency-Key for one request (kept as a hash) and a fingerprint of what the request asked for.
 * Recorded with the operation it started, so a retry with the same key gets that operation back instead of a second
 * one, and the same key with another request is recognised and refused. Scoped to its order.
 */
public record RequestKey(String keyHash, String fingerprint) {
    public RequestKey {
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public boolean sameRequest(RequestKey other) {
        return keyHash.equals(other.keyHash) && fingerprint.equals(other.fingerprint);
    }
}
